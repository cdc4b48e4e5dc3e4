package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.text.TextAnalysis;

import dev.jack.core.text.PyChars;
import dev.jack.core.text.PyText;


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
}
