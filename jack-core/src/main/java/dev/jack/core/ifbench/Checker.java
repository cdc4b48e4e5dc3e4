package dev.jack.core.ifbench;

import java.util.Map;
import java.util.Set;

/**
 * One parameterized constraint of IFBench or IFEvalG with a checker that reproduces its reference's
 * verdicts, bug for bug. Implementations are immutable records built from kwargs by
 * {@link IfbenchCatalog} or {@code IfevalgCatalog}; the checker never throws on any response (where
 * the reference raises, the constraint is not followed).
 *
 * <p>A temporary seam: it carries what the constraint catalog's final shape needs (id, source,
 * parameters, wording, analyses, checker) so that each record can be adapted to it mechanically.
 */
public interface Checker {
    /** The reference's instruction id, e.g. {@code count:word_count_range}. */
    String id();

    Source source();

    /** The instruction as the reference's {@code build_description} words it for these parameters. */
    String description();

    /** The parameters under the reference's kwargs names, with the values the checker uses; none by default. */
    default Map<String, Object> kwargs() {
        return Map.of();
    }

    /** The text analyses {@link #check} uses; none by default. */
    default Set<Analysis> analyses() {
        return Set.of();
    }

    /** Whether the response follows the constraint, as the reference's {@code check_following} decides. */
    boolean check(String response, Analyses text);
}
