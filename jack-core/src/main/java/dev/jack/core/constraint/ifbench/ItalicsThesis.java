package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import dev.jack.core.text.PyText;

/**
 * format:thesis — from the first {@code <i>} (else {@code <em>}), a non-blank thesis up to the first
 * {@code </i>} (else {@code </em>}), then non-blank text. The cuts use the lengths of {@code <i>} and
 * {@code </i>} even for {@code <em>}, so "&lt;em&gt;Thesis&lt;/em&gt;" alone passes (the leftover "&gt;"
 * is the following text).
 */
public record ItalicsThesis() implements Constraint {
    public static final String ID = "format:thesis";

    public static final ConstraintType<ItalicsThesis> TYPE = ConstraintType.builder(ID, ItalicsThesis::parse)
            .example(new ItalicsThesis())
            .build();

    private static ItalicsThesis parse(Kwargs k) {
        return new ItalicsThesis();
    }

    public ConstraintType<ItalicsThesis> type() { return TYPE; }



    public String description() {
        return "Each section must begin with a thesis statement in italics, use HTML to indicate the italics.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        int start = response.indexOf("<i>");
        if (start < 0) start = response.indexOf("<em>");
        if (start < 0) return false;
        String value = response.substring(start);
        int end = value.indexOf("</i>");
        if (end < 0) end = value.indexOf("</em>");
        if (end < 0) return false;
        // value starts with "<i>" or "<em>" and value[end:] with "</i>" or "</em>": ASCII, so UTF-16
        // offsets equal the reference's code point offsets here.
        String thesis = end > 3 ? value.substring(3, end) : "";
        if (PyText.isBlank(thesis)) return false;
        return !PyText.isBlank(value.substring(Math.min(end + 4, value.length())));
    }
}
