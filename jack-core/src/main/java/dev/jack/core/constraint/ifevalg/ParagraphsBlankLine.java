package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import dev.jack.core.text.PyText;

/** paragraphs:paragraphs2 — exactly 2 non-blank paragraphs between "\n\n" separators (blank ones only at the ends). */
public record ParagraphsBlankLine() implements Constraint {
    public static final String ID = "paragraphs:paragraphs2";

    public static final ConstraintType<ParagraphsBlankLine> TYPE = ConstraintType.builder(ID, ParagraphsBlankLine::parse)
            .example(new ParagraphsBlankLine())
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
}
