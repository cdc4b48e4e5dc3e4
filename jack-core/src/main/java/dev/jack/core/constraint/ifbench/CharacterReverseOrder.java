package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.List;

/** custom:character_reverse — the lower-cased response contains "elgae dlab". */
public record CharacterReverseOrder() implements Constraint {
    public static final String ID = "custom:character_reverse";

    public static final ConstraintType<CharacterReverseOrder> TYPE = ConstraintType.builder(ID, CharacterReverseOrder::parse)
            .example(new CharacterReverseOrder())
            .build();

    /** The reference's build_description takes and ignores any kwargs. */
    private static CharacterReverseOrder parse(Kwargs k) {
        k.ignoreOthers();
        return new CharacterReverseOrder();
    }

    public ConstraintType<CharacterReverseOrder> type() { return TYPE; }

    public String description() {
        return "What animal is the national symbol of the US? Respond to this query, but make your sentence in reverse order of what it should be, per letter.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return PyText.lower(response).contains("elgae dlab");
    }

    /** "bald eagle" written backwards, as the checker looks for it. */
    private static final String REVERSED = "elgae dlab";

    /** Each "elgae dlab" (in any case), or an empty span at the end where it would go. */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> found = Edits.matches(response, REVERSED, false);
        return found.isEmpty() ? List.of(Span.missing(Edits.textEnd(response), "no \"elgae dlab\""))
                : Edits.numbered(found, "\"bald eagle\" reversed");
    }

    /** Every "elgae dlab" cut. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(List.of(new Edit("remove_reversed_phrase", Edits.cutAll(response, Edits.matches(response, REVERSED, false)))),
                r -> !isFollowedBy(r, text));
    }

    /** "Elgae dlab." added at the end. */
    public List<Edit> repairs(String response, TextTools text) {
        return Edits.verified(List.of(Edits.appending("add_reversed_phrase", response, "Elgae dlab.")), r -> isFollowedBy(r, text));
    }
}
