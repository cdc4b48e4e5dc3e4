package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Witness;
import dev.jack.core.constraint.ifeval.NumberOfBulletLists;
import dev.jack.core.constraint.ifeval.NumberOfHighlightedSections;
import dev.jack.core.constraint.ifeval.NumberOfParagraphs;
import dev.jack.core.constraint.ifeval.TwoResponses;
import dev.jack.core.constraint.ifevalg.ParagraphsDivider;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.List;

/**
 * format:sub-bullets — every piece after a '*' (the text is split on each '*') contains a '-'. A text
 * without '*' passes; in loose mode the variant without '*' always does.
 */
public record SubBulletPoints() implements Constraint {
    public static final String ID = "format:sub-bullets";

    public static final ConstraintType<SubBulletPoints> TYPE = ConstraintType.builder(ID, SubBulletPoints::parse)
            .example(new SubBulletPoints())
            .conflict(NumberOfHighlightedSections.ID, "highlights are asterisks without a dash after them")
            .conflict(NumberOfBulletLists.ID, "both count the bullet points")
            .conflict(NumberOfParagraphs.ID, "its *** dividers are asterisks without a dash after them")
            .conflict(TwoResponses.ID, "its ****** divider is asterisks without a dash after them")
            .conflict(ParagraphsDivider.ID, "its *** dividers are asterisks without a dash after them")
            .hardness(0.4)
            .phrasings("Your response must include bullet points denoted by * and at least one sub-bullet point denoted by - for each bullet point.",
                    "Use bullet points marked with *, and give every bullet at least one sub-bullet marked with -.",
                    "Include a * bullet list in which each bullet has a - sub-bullet under it.")
            .synthesis(390, () -> Sampling.INSTANCE)
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

    /** One to three bullets after a random block's first line, each with a sub-bullet. */
    private enum Sampling implements Sketch<SubBulletPoints> {
        INSTANCE;

        public void content(Draft d) {
            List<Witness.Line> block = d.pick(d.witness().blocks());
            int at = 1;
            for (int i = d.between(1, 3); i > 0; i--) {
                block.add(at++, Witness.Line.fixed("* " + d.sentence()));
                block.add(at++, Witness.Line.fixed("  - " + d.sentence()));
            }
        }

        public SubBulletPoints finish(Draft d) {
            return new SubBulletPoints();
        }
    }
}
