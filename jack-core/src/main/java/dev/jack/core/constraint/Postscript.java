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
        return PyRegex.cached(pattern(postscriptMarker), PyRegex.MULTILINE).matcher(PyText.lower(response)).find();
    }

    public Map<String, Object> kwargs() { return Map.of("postscript_marker", postscriptMarker); }
}
