package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Witness;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;

/** format:list — the marker {@code sep} occurs (non-overlapping) at least twice, anywhere. */
public record SpecialBulletPoints(String sep) implements Constraint {
    public static final String ID = "format:list";

    public static final ConstraintType<SpecialBulletPoints> TYPE = ConstraintType.builder(ID, SpecialBulletPoints::parse)
            .parameters(Parameter.string("sep"))
            .example(new SpecialBulletPoints("!?!?"))
            .hardness(0.3)
            .phrasings("Answer with a list of items, instead of bullet points use {sep}.",
                    "Include a list in your answer, and mark its items with {sep} instead of bullet points.",
                    "Write a list whose items start with {sep} rather than bullet points.")
            .synthesis(380, Sampling::new)
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

    private static final List<String> SEPARATORS = List.of("=>", "~~", "::", "+");

    /** Two to four items after a random block's first line, each marked with the separator. */
    private static final class Sampling implements Sketch<SpecialBulletPoints> {
        private String sep;

        public void content(Draft d) {
            sep = d.pick(SEPARATORS);
            List<Witness.Line> block = d.pick(d.witness().blocks());
            for (int i = d.between(2, 4); i > 0; i--) block.add(1, Witness.Line.fixed(sep + " " + d.sentence()));
        }

        public SpecialBulletPoints finish(Draft d) {
            return new SpecialBulletPoints(sep);
        }
    }
}
