package dev.jack.core.constraint;

import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.TextTools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Table-driven checker tests: one response, the constraint's kwargs, and the verdict the reference gives. A catalog's
 * test extends this with its cases; each case is checked, and each of the catalog's ids needs one it passes and one it
 * fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CheckerCases {
    /** The catalog's cases. */
    protected abstract Stream<Case> cases();

    /** The catalog's source name. */
    protected abstract String source();

    /** How many constraints the catalog has. */
    protected abstract int count();

    @ParameterizedTest
    @MethodSource("cases")
    void verdictIsTheReferences(Case c) {
        assertVerdict(c);
    }

    @Test
    void everyConstraintHasACaseThatPassesAndOneThatFails() {
        assertBothOutcomesForEveryId(source(), cases(), count());
    }

    /** Text tools over Jack's bundled English Punkt model (the reference's parameters). */
    public static final TextTools TEXT = new TextTools(PunktParameters::english);

    public record Case(String id, Map<String, Object> kwargs, String response, boolean expected, String why) {
        @Override
        public String toString() {
            return id + ": " + why;
        }
    }

    public static Case c(String id, Map<String, Object> kwargs, String response, boolean expected, String why) {
        return new Case(id, kwargs, response, expected, why);
    }

    public static Case c(String id, String response, boolean expected, String why) {
        return c(id, Map.of(), response, expected, why);
    }

    public static void assertVerdict(Case c) {
        Constraint constraint = ConstraintRegistry.create(c.id(), c.kwargs());
        assertEquals(c.expected(), constraint.isFollowedBy(c.response(), TEXT), c.why());
    }

    /** Every id of the source (of which there are {@code count}) has a case it passes and one it fails. */
    public static void assertBothOutcomesForEveryId(String source, Stream<Case> cases, int count) {
        Map<String, boolean[]> outcomes = new HashMap<>();
        cases.forEach(c -> outcomes.computeIfAbsent(c.id(), k -> new boolean[2])[c.expected() ? 0 : 1] = true);
        for (String id : ConstraintRegistry.ids(source)) {
            boolean[] o = outcomes.getOrDefault(id, new boolean[2]);
            assertTrue(o[0] && o[1], id + " needs a passing and a failing case");
        }
        assertEquals(count, ConstraintRegistry.ids(source).size());
    }
}
