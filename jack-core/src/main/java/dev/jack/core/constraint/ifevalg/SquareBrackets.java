package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import dev.jack.core.text.PyText;

/** detectable_format:square_brackets — every whitespace word starts with '[' and ends with ']'. */
public record SquareBrackets() implements Constraint {
    public static final String ID = "detectable_format:square_brackets";

    public static final ConstraintType<SquareBrackets> TYPE = ConstraintType.builder(ID, SquareBrackets::parse)
            .example(new SquareBrackets())
            .build();

    private static SquareBrackets parse(Kwargs k) {
        return new SquareBrackets();
    }

    public ConstraintType<SquareBrackets> type() { return TYPE; }



    public String description() {
        return "Enclose every word in your response within square brackets.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return PyText.split(response).stream().allMatch(w -> w.startsWith("[") && w.endsWith("]"));
    }
}
