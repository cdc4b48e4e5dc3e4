package dev.jack.core.constraint.ifevalg;

import dev.jack.core.text.PyText;
import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;


/** paragraphs:paragraphs — exactly 2 non-blank paragraphs between "***" dividers (blank ones only at the ends). */
public record ParagraphsDivider() implements Constraint {
    public static final String ID = "paragraphs:paragraphs";

    public static final ConstraintType<ParagraphsDivider> TYPE = ConstraintType.builder(ID, ParagraphsDivider::parse)
            .example(new ParagraphsDivider())
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
}
