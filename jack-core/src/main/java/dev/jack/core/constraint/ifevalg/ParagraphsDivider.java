package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.SameCheck;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.ifeval.JsonFormat;
import dev.jack.core.constraint.ifeval.NthParagraphFirstWord;
import dev.jack.core.constraint.ifeval.NumberOfParagraphs;
import dev.jack.core.constraint.ifeval.TwoResponses;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

/** paragraphs:paragraphs — exactly 2 non-blank paragraphs between "***" dividers (blank ones only at the ends). */
public record ParagraphsDivider() implements SameCheck {
    public static final String ID = "paragraphs:paragraphs";

    public static final ConstraintType<ParagraphsDivider> TYPE = ConstraintType.builder(ID, ParagraphsDivider::parse)
            .example(new ParagraphsDivider())
            .conflict(NumberOfParagraphs.ID, "both set the paragraph count")
            .conflict(NthParagraphFirstWord.ID, "the two define paragraphs differently (*** versus blank lines)")
            .conflict(TwoResponses.ID, "the ****** separator contains the *** paragraph divider")
            .conflict(ParagraphsBlankLine.ID, "the two define paragraphs differently (*** versus blank lines)")
            .conflict(JsonFormat.ID, "JSON output has no paragraph dividers")
            .hardness(0.35)
            .phrasings("There should be 2 paragraphs. Paragraphs are separated with the markdown divider: ***",
                    "Write exactly two paragraphs separated by the markdown divider ***.",
                    "Your answer must have 2 paragraphs, with *** on the line between them.")
            .synthesis(61, () -> Sampling.INSTANCE)
            .build();

    private static ParagraphsDivider parse(Kwargs k) {
        return new ParagraphsDivider();
    }

    public ConstraintType<ParagraphsDivider> type() { return TYPE; }

    public String description() {
        return "There should be 2 paragraphs. Paragraphs are separated with the markdown divider: ***";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return Paragraphs.count(PyText.split(Paragraphs.DIVIDER, response)) == 2;
    }

    /** IFEval's length_constraints:number_paragraphs with 2: the same divider, split and blank rule, whose spans and edits this one has. */
    public NumberOfParagraphs sameAs() {
        return new NumberOfParagraphs(2);
    }

    /** Two blocks joined by the divider. */
    private enum Sampling implements Sketch<ParagraphsDivider> {
        INSTANCE;

        public void layout(Draft d) {
            d.setBlockCount(2);
        }

        public void content(Draft d) {
            d.witness().setBlockSeparator("\n\n***\n\n");
        }

        public ParagraphsDivider finish(Draft d) {
            return new ParagraphsDivider();
        }
    }
}
