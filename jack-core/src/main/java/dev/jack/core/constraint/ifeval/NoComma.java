package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import java.util.Map;

/** punctuation:no_comma — no ASCII comma anywhere. */
public record NoComma() implements Constraint {
    public static final String ID = "punctuation:no_comma";

    public static final ConstraintType<NoComma> TYPE = ConstraintType.builder(ID, NoComma::parse)
            .example(new NoComma())
            .hardness(0.35)
            .phrasings("In your entire response, refrain from the use of any commas.",
                    "Do not use any commas in your answer.",
                    "Avoid commas completely.")
            // Witnesses need nothing: Jack's sentences, tasks and markers have no commas.
            .synthesis(240, () -> d -> new NoComma())
            .build();

    private static NoComma parse(Kwargs k) {
        return new NoComma();
    }

    public ConstraintType<NoComma> type() { return TYPE; }

    public String description() {
        return "In your entire response, refrain from the use of any commas.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return response.indexOf(',') < 0;
    }

    public Map<String, Object> kwargs() { return Map.of(); }
}
