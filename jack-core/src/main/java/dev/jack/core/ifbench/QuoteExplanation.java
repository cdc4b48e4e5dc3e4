package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

/**
 * format:quote_unquote — with whitespace removed (and the 3-character sequence '"' dropped), no two
 * straight double quotes touch and the text, stripped of digits and punctuation other than '"', does
 * not end in one. Curly quotes are never seen as quotes (the reference's replacements are no-ops).
 */
public record QuoteExplanation() implements Checker {
    public static final String ID = "format:quote_unquote";

    private static final String DIGITS_AND_PUNCTUATION_BUT_QUOTE = "0123456789" + PyStr.PUNCTUATION.replace("\"", "");

    static QuoteExplanation parse(Args a) {
        return new QuoteExplanation();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Every quoted phrase must be followed by an unquoted explanation.";
    }

    public boolean check(String response, Analyses text) {
        String value = String.join("", PyText.split(response.replace("'\"'", "")));
        if (value.contains("\"\"")) return false;
        String stripped = PyText.strip(value, DIGITS_AND_PUNCTUATION_BUT_QUOTE);
        return stripped.isEmpty() || !stripped.endsWith("\"");
    }
}
