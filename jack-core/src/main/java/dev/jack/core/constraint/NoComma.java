package dev.jack.core.constraint;

import dev.jack.core.text.TextTools;

import java.util.Map;

/** punctuation:no_comma — no ASCII comma anywhere. */
public record NoComma() implements Constraint {
    public static final String ID = "punctuation:no_comma";

    static NoComma parse(Kwargs k) {
        return new NoComma();
    }

    public String id() { return ID; }

    public String description() {
        return "In your entire response, refrain from the use of any commas.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return response.indexOf(',') < 0;
    }

    public Map<String, Object> kwargs() { return Map.of(); }
}
