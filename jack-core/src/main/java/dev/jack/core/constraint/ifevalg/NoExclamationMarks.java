package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

/** punctuation:punctuation_exclamation — no '!' anywhere. */
public record NoExclamationMarks() implements Constraint {
    public static final String ID = "punctuation:punctuation_exclamation";

    public static final ConstraintType<NoExclamationMarks> TYPE = ConstraintType.builder(ID, NoExclamationMarks::parse)
            .example(new NoExclamationMarks())
            .hardness(0.1)
            .phrasings("In your entire response, refrain from the use of ! (i.e. exclamation marks) as punctuation and in general.",
                    "Do not use any exclamation marks in your answer.",
                    "Write your response without a single exclamation mark (!).")
            .synthesis(900, () -> d -> new NoExclamationMarks())
            .build();

    private static NoExclamationMarks parse(Kwargs k) {
        return new NoExclamationMarks();
    }

    public ConstraintType<NoExclamationMarks> type() { return TYPE; }

    public String description() {
        return "In your entire response, refrain from the use of ! (i.e. exclamation marks) as punctuation and in general.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return response.indexOf('!') < 0;
    }
}
