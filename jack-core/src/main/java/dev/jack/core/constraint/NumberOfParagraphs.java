package dev.jack.core.constraint;

import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/**
 * length_constraints:number_paragraphs — exactly N paragraphs separated by {@code ***}. An empty
 * paragraph is tolerated only first or last; one in the middle fails the check.
 */
public record NumberOfParagraphs(int numParagraphs) implements Constraint {
    public static final String ID = "length_constraints:number_paragraphs";

    static NumberOfParagraphs parse(Kwargs k) {
        return new NumberOfParagraphs(k.integer("num_paragraphs", 0));
    }

    public String id() { return ID; }

    public String description() {
        return "There should be " + numParagraphs + " paragraphs. Paragraphs are separated with the markdown divider: ***";
    }

    /** Splits like {@code re.split(r"\s?\*\*\*\s?", response)} and counts the non-blank pieces. */
    public boolean isFollowedBy(String response, TextTools text) {
        int count = 0;
        int from = 0;
        for (int index = 0; ; index++) {
            int[] divider = nextDivider(response, from);
            int end = divider == null ? response.length() : divider[0];
            if (PyText.isBlank(response.substring(from, end))) {
                if (index > 0 && divider != null) return false;
            } else {
                count++;
            }
            if (divider == null) return count == numParagraphs;
            from = divider[1];
        }
    }

    /**
     * The leftmost match of {@code \s?\*\*\*\s?} at or after {@code from}, as {start, end}, or null.
     * A match starts at a whitespace character directly before "***", else at the "***" itself.
     */
    static int[] nextDivider(String s, int from) {
        int stars = s.indexOf("***", from);
        if (stars < 0) return null;
        int start = stars > from && PyText.isSpace(s.charAt(stars - 1)) ? stars - 1 : stars;
        int end = stars + 3;
        if (end < s.length() && PyText.isSpace(s.charAt(end))) end++;
        return new int[] {start, end};
    }

    public Map<String, Object> kwargs() { return Map.of("num_paragraphs", numParagraphs); }
}
