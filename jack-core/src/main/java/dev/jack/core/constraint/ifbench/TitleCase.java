package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.ifeval.EndChecker;
import dev.jack.core.constraint.ifeval.EnglishCapital;
import dev.jack.core.constraint.ifeval.EnglishLowercase;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.PyChars;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

/**
 * format:title_case — no word token starting with a letter is lower-case-first: a one-letter token must
 * not be lower case, and a longer one fails when its first letter is lower case and the rest all upper
 * or all lower case. Mixed tokens ("iPhone") and upper-case words pass.
 */
public record TitleCase() implements Constraint {
    public static final String ID = "format:title_case";

    public static final ConstraintType<TitleCase> TYPE = ConstraintType.builder(ID, TitleCase::parse)
            .example(new TitleCase())
            .analyses(TextAnalysis.WORD_TOKENS)
            .conflict(ResponseLanguage.ID, "title case is an English convention")
            .conflict(EnglishLowercase.ID, "a response cannot be all lowercase and in title case")
            .conflict(EnglishCapital.ID, "a response cannot be all capitals and in title case")
            .conflict(EndChecker.ID, "the end phrase must be kept exactly as given")
            .hardness(0.45)
            .phrasings("Write the entire response in title case (capitalize the first letter of every major word).",
                    "Use title case throughout your answer: capitalize the first letter of every word.",
                    "Capitalize The First Letter Of Every Word In Your Response.")
            .synthesis(995, () -> Sampling.INSTANCE)
            .build();

    private static TitleCase parse(Kwargs k) {
        return new TitleCase();
    }

    public ConstraintType<TitleCase> type() { return TYPE; }

    public String description() {
        return "Write the entire response in title case (capitalize the first letter of every major word).";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        for (String word : text.wordTokenize(response)) {
            if (word.isEmpty() || !PyChars.isAlpha(word.codePointAt(0))) continue;
            String first = PyText.first(word);
            String rest = word.substring(first.length());
            if (rest.isEmpty()) {
                if (PyText.isLower(first)) return false;
                continue;
            }
            if (PyText.isUpper(first) && PyText.isLower(rest)) continue;
            if (PyText.isLower(first) && (PyText.isUpper(rest) || PyText.isLower(rest))) return false;
        }
        return true;
    }

    /**
     * Every word's first letter capitalized, a word starting after any character but a letter or an apostrophe
     * (so {@code [name]} and {@code <<title>>} are capitalized too, and {@code it's} keeps its {@code s}). A
     * wrapper after the JSON and quotation ones, so JSON's key is capitalized too.
     */
    private enum Sampling implements Sketch<TitleCase> {
        INSTANCE;

        public void content(Draft d) {
            d.witness().wrap(Sampling::capitalize);
        }

        private static String capitalize(String s) {
            StringBuilder b = new StringBuilder(s.length());
            int previous = ' ';
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                boolean startsWord = !Character.isLetter(previous) && previous != '\'';
                b.appendCodePoint(startsWord ? Character.toUpperCase(cp) : cp);
                previous = cp;
                i += Character.charCount(cp);
            }
            return b.toString();
        }

        public TitleCase finish(Draft d) {
            return new TitleCase();
        }
    }
}
