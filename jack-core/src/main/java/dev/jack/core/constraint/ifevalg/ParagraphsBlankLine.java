package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.ifeval.JsonFormat;
import dev.jack.core.constraint.ifeval.NthParagraphFirstWord;
import dev.jack.core.constraint.ifeval.NumberOfParagraphs;
import dev.jack.core.constraint.ifeval.TwoResponses;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

/** paragraphs:paragraphs2 — exactly 2 non-blank paragraphs between "\n\n" separators (blank ones only at the ends). */
public record ParagraphsBlankLine() implements Constraint {
    public static final String ID = "paragraphs:paragraphs2";

    public static final ConstraintType<ParagraphsBlankLine> TYPE = ConstraintType.builder(ID, ParagraphsBlankLine::parse)
            .example(new ParagraphsBlankLine())
            .conflict(NumberOfParagraphs.ID, "both set the paragraph count")
            .conflict(NthParagraphFirstWord.ID, "both set the paragraph count")
            .conflict(TwoResponses.ID, "the ****** separator would join the paragraphs")
            .conflict(JsonFormat.ID, "JSON output has no paragraphs")
            .hardness(0.35)
            .phrasings("There should be 2 paragraphs. Paragraphs and only paragraphs are separated with each other by two line breaks. ",
                    "Write exactly two paragraphs, separated by one blank line, and use no other blank lines.",
                    "Your answer must be 2 paragraphs separated by two line breaks, with no other double line breaks.")
            .synthesis(62, () -> Sampling.INSTANCE)
            .build();

    private static ParagraphsBlankLine parse(Kwargs k) {
        return new ParagraphsBlankLine();
    }

    public ConstraintType<ParagraphsBlankLine> type() { return TYPE; }

    public String description() {
        return "There should be 2 paragraphs. Paragraphs and only paragraphs are separated with each other by two line breaks. ";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return Paragraphs.count(PyText.split(response, "\n\n")) == 2;
    }

    /** Two blocks, joined by a blank line (the default). */
    private enum Sampling implements Sketch<ParagraphsBlankLine> {
        INSTANCE;

        public void layout(Draft d) {
            d.setBlockCount(2);
        }

        public ParagraphsBlankLine finish(Draft d) {
            return new ParagraphsBlankLine();
        }
    }
}
