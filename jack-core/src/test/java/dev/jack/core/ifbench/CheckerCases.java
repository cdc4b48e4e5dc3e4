package dev.jack.core.ifbench;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Table-driven checker tests: one response, the constraint's kwargs, and the verdict the reference gives. */
public final class CheckerCases {
    private CheckerCases() {}

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

    public static void assertVerdict(Catalog catalog, Case c, Analyses text) {
        Checker checker = catalog.create(c.id(), c.kwargs());
        assertEquals(c.expected(), checker.check(c.response(), text), c.why());
    }

    /** Every id of the catalog (of which there are {@code count}) has a case it passes and one it fails. */
    public static void assertBothOutcomesForEveryId(Catalog catalog, Stream<Case> cases, int count) {
        Map<String, boolean[]> outcomes = new HashMap<>();
        cases.forEach(c -> outcomes.computeIfAbsent(c.id(), k -> new boolean[2])[c.expected() ? 0 : 1] = true);
        for (String id : catalog.ids()) {
            boolean[] o = outcomes.getOrDefault(id, new boolean[2]);
            assertTrue(o[0] && o[1], id + " needs a passing and a failing case");
        }
        assertEquals(count, catalog.ids().size());
    }
}
