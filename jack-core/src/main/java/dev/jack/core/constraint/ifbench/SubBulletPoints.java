package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.Witness;
import dev.jack.core.constraint.ifeval.NumberOfBulletLists;
import dev.jack.core.constraint.ifeval.NumberOfHighlightedSections;
import dev.jack.core.constraint.ifeval.NumberOfParagraphs;
import dev.jack.core.constraint.ifeval.TwoResponses;
import dev.jack.core.constraint.ifevalg.ParagraphsDivider;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
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

    /** Each piece from a '*' to the next one (or the end), as {@code [start, end)} with the '*', in order. */
    private static List<int[]> bullets(String response) {
        List<int[]> out = new ArrayList<>();
        for (int at = response.indexOf('*'); at >= 0; ) {
            int next = response.indexOf('*', at + 1);
            out.add(new int[] {at, next < 0 ? response.length() : next});
            at = next;
        }
        return out;
    }

    private static List<int[]> withoutSubBullet(String response) {
        return bullets(response).stream().filter(b -> response.indexOf('-', b[0], b[1]) < 0).toList();
    }

    /** Each bullet (piece after a '*') without a '-', or the whole text when every one has one. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.failingOrWhole(response, withoutSubBullet(response), "bullet without a sub-bullet", "every bullet has a sub-bullet");
    }

    /** A bullet without a sub-bullet added at the end. */
    public List<Edit> breaks(String response, TextTools text) {
        int end = Edits.textEnd(response);
        return Edits.verified(List.of(new Edit("add_bullet", Edits.replace(response, end, end, "\n* One more point."))), r -> !isFollowedBy(r, text));
    }

    /** A sub-bullet line after each bullet that lacks one, or every '*' removed. */
    public List<Edit> repairs(String response, TextTools text) {
        StringBuilder edited = new StringBuilder(response);
        for (int[] b : withoutSubBullet(response).reversed()) {
            int end = b[0] + 1 + PyText.rstrip(response.substring(b[0] + 1, b[1])).length();
            edited.insert(end, "\n  - In more detail.");
        }
        return Edits.verified(List.of(new Edit("add_sub_bullets", edited.toString()), new Edit("remove_asterisks", response.replace("*", ""))),
                r -> isFollowedBy(r, text));
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
