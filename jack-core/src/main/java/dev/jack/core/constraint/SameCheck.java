package dev.jack.core.constraint;

import dev.jack.core.text.TextTools;

import java.util.List;

/**
 * A constraint whose check is another constraint's (IFEvalG's keywords:word_count_different_numbers is IFEval's
 * keywords:frequency, copy:copy is copy:copying_simple): its spans are that one's, and so are its edits, each checked
 * with this constraint's own checker.
 */
public interface SameCheck extends Constraint {

    /** The constraint whose check this one's is, with the same parameters. */
    Constraint sameAs();

    /** {@link #sameAs()}'s spans. */
    default List<Span> spans(String response, TextTools text) {
        return sameAs().spans(response, text);
    }

    /** {@link #sameAs()}'s breaks that make this constraint fail. */
    default List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(sameAs().breaks(response, text), r -> !isFollowedBy(r, text));
    }

    /** {@link #sameAs()}'s repairs that make this constraint pass. */
    default List<Edit> repairs(String response, TextTools text) {
        return Edits.verified(sameAs().repairs(response, text), r -> isFollowedBy(r, text));
    }
}
