package dev.jack.core.constraint;

import dev.jack.core.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IFBench's and IFEvalG's catalogs against shared/ifbench/constraints.tsv: every constraint registered under its
 * source with the reference's kwargs names, and the first phrasing of every synthesized one its description template.
 */
class ReferenceCatalogTest {
    /** Where the first phrasing says more than the template, and why. */
    private static final Map<String, String> WORDED_OTHERWISE = Map.of(
            "ratio:overlap", "the template refers to a reference text it does not include; the phrasing appends it",
            "keywords:word_count_different_numbers", "the template leaves out the relation, which the prompt must state");

    @Test
    void everyReferenceConstraintIsRegisteredWithItsKwargsAndTemplate() throws IOException {
        List<String> lines = Files.readAllLines(SharedData.require("ifbench/constraints.tsv"));
        Set<String> seen = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            String id = f[0];
            String source = f[1].toLowerCase();
            assertEquals(source, ConstraintRegistry.source(id), id);
            ConstraintType<?> type = ConstraintRegistry.type(id);
            Set<String> kwargs = f[3].equals("-") ? Set.of()
                    : new TreeSet<>(Arrays.stream(f[3].split(",")).map(k -> k.substring(0, k.indexOf(':'))).toList());
            Set<String> parameters = new TreeSet<>(type.parameters().stream().map(Parameter::name).toList());
            assertEquals(kwargs, parameters, id + "'s parameters");
            if (type.isSynthesized() && !WORDED_OTHERWISE.containsKey(id)) {
                assertEquals(f[4], type.phrasings().getFirst(), id + "'s first phrasing is the reference's template");
            }
            seen.add(id);
        }
        assertEquals(87, seen.size());
        assertTrue(seen.containsAll(ConstraintRegistry.ids("ifevalg")) && seen.containsAll(ConstraintRegistry.ids("ifbench")));
    }
}
