package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;

/**
 * detectable_format:constrained_response — the response contains one of the fixed answer options.
 * Synthesis leaves it out: the fixed answers ("My answer is yes.") only make sense for yes/no questions,
 * which open-ended base tasks are not.
 */
public record ConstrainedResponse() implements Constraint {
    public static final String ID = "detectable_format:constrained_response";
    static final List<String> OPTIONS = List.of("My answer is yes.", "My answer is no.", "My answer is maybe.");

    public static final ConstraintType<ConstrainedResponse> TYPE = ConstraintType.builder(ID, ConstrainedResponse::parse)
            .example(new ConstrainedResponse())
            .build();

    private static ConstrainedResponse parse(Kwargs k) {
        return new ConstrainedResponse();
    }

    public ConstraintType<ConstrainedResponse> type() { return TYPE; }

    public String description() {
        return "Answer with one of the following options: ('My answer is yes.', 'My answer is no.', 'My answer is maybe.')";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        for (String option : OPTIONS) if (response.contains(option)) return true;
        return false;
    }

    public Map<String, Object> kwargs() { return Map.of(); }
}
