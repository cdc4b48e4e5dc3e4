package dev.jack.core.constraint;

import dev.jack.core.text.TextTools;

import java.util.List;
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

    /**
     * The character spans of {@code response} responsible for the checker's strict verdict on it: for a failed
     * check what breaks it (each comma, each forbidden word, the words past a limit), for a passed one what
     * satisfies it (the title, the postscript marker, each keyword found); where absence decides, an empty span
     * ({@link Span#missing}) where the missing part would go. Spans are in the order they occur. The default,
     * for constraints that do not say, is no spans.
     */
    default List<Span> spans(String response, TextTools text) {
        return List.of();
    }

    /**
     * Candidate edits, smallest first, that turn a {@code response} which follows this constraint into one that
     * does not, changing as little else as possible (remove the postscript, add a comma, lowercase a capital word).
     * Candidates are not verified: callers check each with every constraint of the prompt. The default, for
     * constraints without edits, is none.
     */
    default List<Edit> breaks(String response, TextTools text) {
        return List.of();
    }

    /**
     * Candidate edits, smallest first, that turn a {@code response} which does not follow this constraint into one
     * that does (remove every comma, wrap the text in quotes, add the end phrase); as {@link #breaks}, unverified,
     * and none by default.
     */
    default List<Edit> repairs(String response, TextTools text) {
        return List.of();
    }
}
