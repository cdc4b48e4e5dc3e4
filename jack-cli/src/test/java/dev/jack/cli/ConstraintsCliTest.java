package dev.jack.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConstraintsCliTest {
    private final CliHarness cli = new CliHarness(Map.of());

    @Test
    void eachIdComesWithItsParametersAndAnExampleWording() {
        assertEquals(0, cli.jack("constraints"));
        String out = cli.out();
        assertTrue(out.contains("""
                length_constraints:number_words  (ifeval)
                    num_words: integer >= 0
                    relation: "less than" or "at least"
                    e.g. Answer with at least 300 words.
                """), out);
        assertTrue(out.contains("detectable_format:constrained_response  (ifeval; not synthesized)\n    no parameters\n"), out);
        assertTrue(out.contains("e.g. Your answer must contain exactly 4 bullet points. Use the markdown bullet points such as:\\n* This is point 1."), out);
    }

    @Test
    void sourcesFilterTheList() {
        assertEquals(0, cli.jack("constraints", "--source", "ifeval", "--ids-only"));
        List<String> ids = cli.out().lines().toList();
        assertEquals(25, ids.size());
        assertEquals("keywords:existence", ids.getFirst());
        assertEquals(2, cli.jack("constraints", "--source", "nosuch"));
        assertTrue(cli.err().contains("--source: no constraints from \"nosuch\"; sources: ifeval"), cli.err());
    }
}
