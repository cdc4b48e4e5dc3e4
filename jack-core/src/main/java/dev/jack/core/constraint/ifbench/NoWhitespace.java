package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import dev.jack.core.text.PyText;

/** format:no_whitespace — no character is whitespace by Python's {@code str.isspace} (zero-width spaces are not). */
public record NoWhitespace() implements Constraint {
    public static final String ID = "format:no_whitespace";

    public static final ConstraintType<NoWhitespace> TYPE = ConstraintType.builder(ID, NoWhitespace::parse)
            .example(new NoWhitespace())
            .build();

    private static NoWhitespace parse(Kwargs k) {
        return new NoWhitespace();
    }

    public ConstraintType<NoWhitespace> type() { return TYPE; }



    public String description() {
        return "The output should not contain any whitespace.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return response.codePoints().noneMatch(PyText::isSpace);
    }
}
