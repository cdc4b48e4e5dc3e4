package dev.jack.core.constraint;

import dev.jack.core.text.TextTools;

import java.util.Map;

/**
 * A verifiable instruction constraint with its parameters: the wording that states it in a prompt and a
 * checker whose verdicts equal its reference scorer's. Implementations are records; everything that does
 * not depend on the parameters (id, parameter list, conflicts, synthesis) is in their {@link #type()}.
 */
public interface Constraint {

    /** What kind of constraint this is. */
    ConstraintType<?> type();

    /** The instruction id, e.g. {@code punctuation:no_comma}. */
    default String id() {
        return type().id();
    }

    /** The instruction as the reference words it (IFEval's description). */
    String description();

    /**
     * The checker, applied to one response (or one loose variant of it). It uses {@code text} only for
     * the analyses its type declares ({@link ConstraintType#analyses()}).
     */
    boolean isFollowedBy(String response, TextTools text);

    /** The parameters under the reference's kwargs names, with the values the checker uses; none by default. */
    default Map<String, Object> kwargs() {
        return Map.of();
    }

    /**
     * The values synthesis phrasings fill their {@code {placeholders}} with: the kwargs, plus any value a
     * phrasing needs beyond them (a language's name for its code).
     */
    default Map<String, Object> wordingValues() {
        return kwargs();
    }
}
