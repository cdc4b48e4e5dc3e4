package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

/** custom:character_reverse — the lower-cased response contains "elgae dlab". */
public record CharacterReverseOrder() implements Constraint {
    public static final String ID = "custom:character_reverse";

    public static final ConstraintType<CharacterReverseOrder> TYPE = ConstraintType.builder(ID, CharacterReverseOrder::parse)
            .example(new CharacterReverseOrder())
            .build();

    /** The reference's build_description takes and ignores any kwargs. */
    private static CharacterReverseOrder parse(Kwargs k) {
        k.ignoreOthers();
        return new CharacterReverseOrder();
    }

    public ConstraintType<CharacterReverseOrder> type() { return TYPE; }

    public String description() {
        return "What animal is the national symbol of the US? Respond to this query, but make your sentence in reverse order of what it should be, per letter.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return PyText.lower(response).contains("elgae dlab");
    }
}
