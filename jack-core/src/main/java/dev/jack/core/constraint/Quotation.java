package dev.jack.core.constraint;

import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/** startend:quotation — the whole response is wrapped in double quotation marks. */
public record Quotation() implements Constraint {
    public static final String ID = "startend:quotation";

    static Quotation parse(Kwargs k) {
        return new Quotation();
    }

    public String id() { return ID; }

    public String description() {
        return "Wrap your entire response with double quotation marks.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String v = PyText.strip(response);
        return v.codePointCount(0, v.length()) > 1 && v.startsWith("\"") && v.endsWith("\"");
    }

    public Map<String, Object> kwargs() { return Map.of(); }
}
