package dev.jack.core.constraint;

import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** combination:two_responses — exactly two different responses separated by {@code ******}. */
public record TwoResponses() implements Constraint {
    public static final String ID = "combination:two_responses";

    static TwoResponses parse(Kwargs k) {
        return new TwoResponses();
    }

    public String id() { return ID; }

    public String description() {
        return "Give two different responses. Responses and only responses should be separated by 6 asterisk symbols: ******.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> parts = PyText.split(response, "******");
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (PyText.isBlank(parts.get(i))) {
                if (i != 0 && i != parts.size() - 1) return false;
            } else {
                valid.add(parts.get(i));
            }
        }
        return valid.size() == 2 && !PyText.strip(valid.get(0)).equals(PyText.strip(valid.get(1)));
    }

    public Map<String, Object> kwargs() { return Map.of(); }
}
