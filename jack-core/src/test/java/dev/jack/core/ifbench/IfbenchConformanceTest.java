package dev.jack.core.ifbench;

import dev.jack.core.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jack against the unmodified IFBench reference CLI on the three response sets of shared/ifbench:
 * every row's strict and loose output line is byte-identical to the reference's.
 */
class IfbenchConformanceTest {
    static List<Prompt> prompts;
    static Analyses text;

    @BeforeAll
    static void load() {
        prompts = Prompt.readAll(IfbenchData.require("ifbench/IFBench_test.jsonl"), IfbenchCatalog.get());
        text = IfbenchData.analyses();
    }

    @ParameterizedTest
    @ValueSource(strings = {"r0", "r1", "r2"})
    void everyRowMatchesTheReference(String set) throws IOException {
        Path dir = IfbenchData.require("ifbench");
        List<IfbenchEvaluation.Row> rows = IfbenchEvaluation.evaluate(prompts,
                IfbenchEvaluation.readResponses(dir.resolve("responses/" + set + ".jsonl")), text);
        List<String> mismatches = new ArrayList<>();
        int matched = 0;
        for (boolean loose : new boolean[] {false, true}) {
            String mode = loose ? "loose" : "strict";
            List<String> expected = Files.readAllLines(dir.resolve("expected/" + set + "-eval_results_" + mode + ".jsonl"));
            assertEquals(expected.size(), rows.size());
            for (int i = 0; i < rows.size(); i++) {
                String actual = IfbenchEvaluation.outputLine(rows.get(i), loose);
                if (actual.equals(expected.get(i))) {
                    matched++;
                } else {
                    Map<?, ?> e = (Map<?, ?>) Json.parse(expected.get(i));
                    mismatches.add(set + " " + mode + " key " + rows.get(i).prompt().key() + " " + e.get("instruction_id_list")
                            + ": expected " + e.get("follow_instruction_list") + ", got "
                            + (loose ? rows.get(i).verdicts().loose() : rows.get(i).verdicts().strict())
                            + (e.get("follow_instruction_list").equals(loose ? rows.get(i).verdicts().loose() : rows.get(i).verdicts().strict())
                            ? " (line differs otherwise)" : ""));
                }
            }
        }
        System.out.println("IFBench " + set + ": " + matched + " of " + 2 * rows.size() + " output lines (strict and loose) identical");
        assertTrue(mismatches.isEmpty(), mismatches.size() + " lines differ:\n" + String.join("\n", mismatches));
    }
}
