package dev.jack.core.constraint;

import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * length_constraints:number_paragraphs — exactly N paragraphs separated by {@code ***}. An empty
 * paragraph is tolerated only first or last; one in the middle fails the check.
 */
public record NumberOfParagraphs(int numParagraphs) implements Constraint {
    public static final String ID = "length_constraints:number_paragraphs";
    private static final Pattern DIVIDER = PyRegex.compile("\\s?\\*\\*\\*\\s?");

    static NumberOfParagraphs parse(Kwargs k) {
        return new NumberOfParagraphs(k.integer("num_paragraphs", 0));
    }

    public String id() { return ID; }

    public String description() {
        return "There should be " + numParagraphs + " paragraphs. Paragraphs are separated with the markdown divider: ***";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        Matcher m = DIVIDER.matcher(response);
        int count = 0;
        int from = 0;
        boolean more = true;
        for (int index = 0; more; index++) {
            more = m.find();
            int end = more ? m.start() : response.length();
            if (PyText.isBlank(response.substring(from, end))) {
                if (index > 0 && more) return false;
            } else {
                count++;
            }
            if (more) from = m.end();
        }
        return count == numParagraphs;
    }

    public Map<String, Object> kwargs() { return Map.of("num_paragraphs", numParagraphs); }
}
