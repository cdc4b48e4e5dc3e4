package dev.jack.core.ifbench;

import dev.jack.core.SharedData;
import dev.jack.core.ifeval.Evaluation;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.json.Json;
import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.TextTools;
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
    @ParameterizedTest
    @ValueSource(strings = {"r0", "r1", "r2"})
    void everyRowMatchesTheReference(String set) throws IOException {
        Path dir = SharedData.require("ifbench/ifbench");
        List<IfevalPrompt> prompts = IfevalPrompt.readAll(dir.resolve("IFBench_test.jsonl"));
        Verifier verifier = new Verifier(new TextTools(() -> PunktParameters.load(SharedData.punktEnglish())));
        List<Evaluation.Row> rows = IfbenchEvaluation.run(prompts,
                IfbenchEvaluation.readResponses(dir.resolve("responses/" + set + ".jsonl")), verifier).rows();
        List<String> mismatches = new ArrayList<>();
        int matched = 0;
        for (boolean loose : new boolean[] {false, true}) {
            String mode = loose ? "loose" : "strict";
            List<String> expected = Files.readAllLines(dir.resolve("expected/" + set + "-eval_results_" + mode + ".jsonl"));
            assertEquals(expected.size(), rows.size());
            for (int i = 0; i < rows.size(); i++) {
                String actual = Evaluation.outputLine(rows.get(i), loose);
                if (actual.equals(expected.get(i))) {
                    matched++;
                } else {
                    List<Boolean> got = loose ? rows.get(i).verdicts().loose() : rows.get(i).verdicts().strict();
                    Map<?, ?> e = (Map<?, ?>) Json.parse(expected.get(i));
                    mismatches.add(set + " " + mode + " key " + rows.get(i).prompt().key() + " " + e.get("instruction_id_list")
                            + ": expected " + e.get("follow_instruction_list") + ", got " + got
                            + (e.get("follow_instruction_list").equals(got) ? " (line differs otherwise)" : ""));
                }
            }
        }
        System.out.println("IFBench " + set + ": " + matched + " of " + 2 * rows.size() + " output lines (strict and loose) identical");
        assertTrue(mismatches.isEmpty(), mismatches.size() + " lines differ:\n" + String.join("\n", mismatches));
    }
}
