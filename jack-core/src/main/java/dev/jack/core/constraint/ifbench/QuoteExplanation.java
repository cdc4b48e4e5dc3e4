package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import dev.jack.core.text.PyText;

/**
 * format:quote_unquote — with whitespace removed (and the 3-character sequence '"' dropped), no two
 * straight double quotes touch and the text, stripped of digits and punctuation other than '"', does
 * not end in one. Curly quotes are never seen as quotes (the reference's replacements are no-ops).
 */
public record QuoteExplanation() implements Constraint {
    public static final String ID = "format:quote_unquote";

    public static final ConstraintType<QuoteExplanation> TYPE = ConstraintType.builder(ID, QuoteExplanation::parse)
            .example(new QuoteExplanation())
            .build();

    private static final String DIGITS_AND_PUNCTUATION_BUT_QUOTE = "0123456789" + PyText.PUNCTUATION.replace("\"", "");

    private static QuoteExplanation parse(Kwargs k) {
        return new QuoteExplanation();
    }

    public ConstraintType<QuoteExplanation> type() { return TYPE; }



    public String description() {
        return "Every quoted phrase must be followed by an unquoted explanation.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String value = String.join("", PyText.split(response.replace("'\"'", "")));
        if (value.contains("\"\"")) return false;
        String stripped = PyText.strip(value, DIGITS_AND_PUNCTUATION_BUT_QUOTE);
        return stripped.isEmpty() || !stripped.endsWith("\"");
    }
}
