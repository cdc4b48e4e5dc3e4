package dev.jack.core.constraint.ifbench;

import dev.jack.core.text.PyText;
import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.constraint.Parameter;

import java.util.Map;

/** format:list — the marker {@code sep} occurs (non-overlapping) at least twice, anywhere. */
public record SpecialBulletPoints(String sep) implements Constraint {
    public static final String ID = "format:list";

    public static final ConstraintType<SpecialBulletPoints> TYPE = ConstraintType.builder(ID, SpecialBulletPoints::parse)
            .parameters(Parameter.string("sep"))
            .example(new SpecialBulletPoints("!?!?"))
            .build();

    private static SpecialBulletPoints parse(Kwargs k) {
        return new SpecialBulletPoints(k.string("sep"));
    }

    public ConstraintType<SpecialBulletPoints> type() { return TYPE; }



    public String description() {
        return "Answer with a list of items, instead of bullet points use " + sep + ".";
    }

    public Map<String, Object> kwargs() {
        return Map.of("sep", sep);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return PyText.count(response, sep) >= 2;
    }
}
