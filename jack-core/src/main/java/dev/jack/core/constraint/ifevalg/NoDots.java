package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;


/** punctuation:punctuation_dot — no '.' anywhere. */
public record NoDots() implements Constraint {
    public static final String ID = "punctuation:punctuation_dot";

    public static final ConstraintType<NoDots> TYPE = ConstraintType.builder(ID, NoDots::parse)
            .example(new NoDots())
            .build();

    private static NoDots parse(Kwargs k) {
        return new NoDots();
    }

    public ConstraintType<NoDots> type() { return TYPE; }



    public String description() {
        return "In your entire response, refrain from the use of . (i.e. dots) as punctuation and in general.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return response.indexOf('.') < 0;
    }
}
