package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import dev.jack.core.text.PyText;

import java.util.List;

/**
 * format:sub-bullets — every piece after a '*' (the text is split on each '*') contains a '-'. A text
 * without '*' passes; in loose mode the variant without '*' always does.
 */
public record SubBulletPoints() implements Constraint {
    public static final String ID = "format:sub-bullets";

    public static final ConstraintType<SubBulletPoints> TYPE = ConstraintType.builder(ID, SubBulletPoints::parse)
            .example(new SubBulletPoints())
            .build();

    private static SubBulletPoints parse(Kwargs k) {
        return new SubBulletPoints();
    }

    public ConstraintType<SubBulletPoints> type() { return TYPE; }



    public String description() {
        return "Your response must include bullet points denoted by * and at least one sub-bullet point denoted by - for each bullet point.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> pieces = PyText.split(response, "*");
        return pieces.subList(1, pieces.size()).stream().allMatch(p -> p.indexOf('-') >= 0);
    }
}
