package dev.jack.core.constraint;

import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;

/** detectable_format:constrained_response — the response contains one of the fixed answer options. */
public record ConstrainedResponse() implements Constraint {
    public static final String ID = "detectable_format:constrained_response";
    static final List<String> OPTIONS = List.of("My answer is yes.", "My answer is no.", "My answer is maybe.");

    static ConstrainedResponse parse(Kwargs k) {
        return new ConstrainedResponse();
    }

    public String id() { return ID; }

    public String description() {
        return "Answer with one of the following options: ('My answer is yes.', 'My answer is no.', 'My answer is maybe.')";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        for (String option : OPTIONS) if (response.contains(option)) return true;
        return false;
    }

    public Map<String, Object> kwargs() { return Map.of(); }
}
