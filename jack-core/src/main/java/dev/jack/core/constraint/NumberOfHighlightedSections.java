package dev.jack.core.constraint;

import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/**
 * detectable_format:number_highlighted_sections — at least N non-blank {@code *highlights*}. As in the
 * reference, single- and double-asterisk spans are counted in two separate passes and added, so a
 * {@code **bold**} span counts twice.
 */
public record NumberOfHighlightedSections(int numHighlights) implements Constraint {
    public static final String ID = "detectable_format:number_highlighted_sections";

    static NumberOfHighlightedSections parse(Kwargs k) {
        return new NumberOfHighlightedSections(k.integer("num_highlights", 0));
    }

    public String id() { return ID; }

    public String description() {
        return "Highlight at least " + numHighlights + " sections in your answer with markdown, i.e. *highlighted section*.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return countSpans(response, 1) + countSpans(response, 2) >= numHighlights;
    }

    /**
     * Counts non-overlapping matches of {@code \*{k}[^\n*]*\*{k}} whose inside is not blank, scanning
     * left to right like {@code re.findall}.
     */
    static int countSpans(String s, int k) {
        int count = 0;
        int n = s.length();
        int i = 0;
        while (i + 2 * k <= n) {
            if (!stars(s, i, k)) {
                i++;
                continue;
            }
            int j = i + k;
            while (j < n && s.charAt(j) != '\n' && s.charAt(j) != '*') j++;
            if (stars(s, j, k)) {
                if (!PyText.isBlank(s.substring(i + k, j))) count++;
                i = j + k;
            } else {
                i++;
            }
        }
        return count;
    }

    private static boolean stars(String s, int at, int k) {
        if (at + k > s.length()) return false;
        for (int i = at; i < at + k; i++) if (s.charAt(i) != '*') return false;
        return true;
    }

    public Map<String, Object> kwargs() { return Map.of("num_highlights", numHighlights); }
}
