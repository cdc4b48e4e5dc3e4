package dev.jack.core.constraint;

import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/** startend:end_checker — the response ends with the phrase (case ignored, surrounding quotes ignored). */
public record EndChecker(String endPhrase) implements Constraint {
    public static final String ID = "startend:end_checker";

    static EndChecker parse(Kwargs k) {
        return new EndChecker(k.strippedString("end_phrase"));
    }

    public String id() { return ID; }

    public String description() {
        return "Finish your response with this exact phrase " + endPhrase + ". No other words should follow this phrase.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String value = PyText.lower(PyText.strip(PyText.strip(response), "\""));
        return value.endsWith(PyText.lower(PyText.strip(endPhrase)));
    }

    public Map<String, Object> kwargs() { return Map.of("end_phrase", endPhrase); }
}
