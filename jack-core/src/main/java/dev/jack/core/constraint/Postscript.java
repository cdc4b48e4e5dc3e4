package dev.jack.core.constraint;

import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/**
 * detectable_content:postscript — a postscript marker appears anywhere (not only at a line start), in
 * any case. "P.S." and "P.P.S" tolerate a space after each period; other markers are read as regular
 * expressions, as the reference does.
 */
public record Postscript(String postscriptMarker) implements Constraint {
    public static final String ID = "detectable_content:postscript";

    public Postscript {
        Kwargs.regex("postscript_marker", pattern(postscriptMarker), PyRegex.MULTILINE);
    }

    /** The reference's pattern, searched in the lowercased response. */
    private static String pattern(String marker) {
        return switch (marker) {
            case "P.P.S" -> "\\s*p\\.\\s?p\\.\\s?s.*$";
            case "P.S." -> "\\s*p\\.\\s?s\\..*$";
            default -> "\\s*" + PyText.lower(marker) + ".*$";
        };
    }

    static Postscript parse(Kwargs k) {
        return new Postscript(k.strippedString("postscript_marker"));
    }

    public String id() { return ID; }

    public String description() {
        return "At the end of your response, please explicitly add a postscript starting with " + postscriptMarker;
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String lower = PyText.lower(response);
        return switch (postscriptMarker) {
            case "P.P.S" -> containsShape(lower, "p.~p.~s");
            case "P.S." -> containsShape(lower, "p.~s.");
            default -> PyRegex.isLiteral(postscriptMarker)
                    ? lower.contains(PyText.lower(postscriptMarker))
                    : PyRegex.cached(pattern(postscriptMarker), PyRegex.MULTILINE).matcher(lower).find();
        };
    }

    /**
     * Whether the lowercased text contains the shape, '~' standing for one optional whitespace
     * character: "p.~p.~s" is {@code p\.\s?p\.\s?s} and "p.~s." is {@code p\.\s?s\.}. The reference's
     * leading {@code \s*} and trailing {@code .*$} always match, so they decide nothing.
     */
    static boolean containsShape(String lower, String shape) {
        for (int start = lower.indexOf('p'); start >= 0; start = lower.indexOf('p', start + 1)) {
            int i = start;
            boolean matched = true;
            for (int k = 0; k < shape.length() && matched; k++) {
                char want = shape.charAt(k);
                if (want == '~') {
                    if (i < lower.length() && PyText.isSpace(lower.charAt(i))) i++;
                } else {
                    matched = i < lower.length() && lower.charAt(i) == want;
                    i++;
                }
            }
            if (matched) return true;
        }
        return false;
    }

    public Map<String, Object> kwargs() { return Map.of("postscript_marker", postscriptMarker); }
}
