package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.ifeval.EndChecker;
import dev.jack.core.constraint.ifeval.EnglishCapital;
import dev.jack.core.constraint.ifeval.EnglishLowercase;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.PyChars;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        for (String word : text.wordTokenize(response)) if (lowerFirst(word)) return false;
        return true;
    }

    /** Whether the word token breaks title case: it starts with a lower-case letter and is not mixed case. */
    private static boolean lowerFirst(String word) {
        if (word.isEmpty() || !PyChars.isAlpha(word.codePointAt(0))) return false;
        String first = PyText.first(word);
        String rest = word.substring(first.length());
        if (rest.isEmpty()) return PyText.isLower(first);
        if (PyText.isUpper(first) && PyText.isLower(rest)) return false;
        return PyText.isLower(first) && (PyText.isUpper(rest) || PyText.isLower(rest));
    }

    /** Where each word token that breaks title case lies (those the tokenizer rewrote are not found). */
    private static List<int[]> lowerFirstWords(String response, TextTools text) {
        List<String> tokens = text.wordTokenize(response);
        List<int[]> at = Edits.locate(response, tokens);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) if (at.get(i) != null && lowerFirst(tokens.get(i))) out.add(at.get(i));
        return out;
    }

    /** Each word that starts in lower case, or the whole text when none does. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.failingOrWhole(response, lowerFirstWords(response, text), "lower-case first letter", "title case");
    }

    /** The first letter lower-cased of the first word that then breaks title case ("Hello" to "hello"). */
    public List<Edit> breaks(String response, TextTools text) {
        List<String> tokens = text.wordTokenize(response);
        List<int[]> at = Edits.locate(response, tokens);
        for (int i = 0; i < tokens.size(); i++) {
            String word = tokens.get(i);
            if (word.isEmpty() || at.get(i) == null) continue;
            String first = PyText.first(word);
            if (lowerFirst(word) || !lowerFirst(PyText.lower(first) + word.substring(first.length()))) continue;
            int start = at.get(i)[0];
            return Edits.verified(List.of(new Edit("lowercase_word", Edits.replace(response, start, start + first.length(), PyText.lower(first)))),
                    r -> !isFollowedBy(r, text));
        }
        return List.of();
    }

    /** Every word that starts in lower case capitalized. */
    public List<Edit> repairs(String response, TextTools text) {
        StringBuilder edited = new StringBuilder(response);
        for (int[] w : lowerFirstWords(response, text)) {
            String first = PyText.first(response.substring(w[0], w[1]));
            edited.replace(w[0], w[0] + first.length(), first.toUpperCase(Locale.ROOT));
        }
        return Edits.verified(List.of(new Edit("capitalize_words", edited.toString())), r -> isFollowedBy(r, text));
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
