package dev.jack.core.ifevalg;

import dev.jack.core.SharedData;
import dev.jack.core.constraint.Constraint;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.ifevalg.IfevalgEvaluation.Prompt;
import dev.jack.core.json.Json;
import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.TextTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jack against open-instruct's IFEvalVerifier on the 3,000 IFEvalG responses of shared/ifbench: the
 * same score for the row's full ground_truth label and the same verdict for each constraint alone,
 * on every row but those whose reference result is random (unstable.json).
 */
class IfevalgConformanceTest {
    Path dir;
    final Map<String, Prompt> prompts = new HashMap<>();
    final Map<String, JsonlReader.Row> labels = new HashMap<>();
    final Set<String> unstable = new HashSet<>();
    TextTools text;

    @BeforeEach
    void load() throws IOException {
        dir = SharedData.require("ifbench/ifevalg");
        text = new TextTools(() -> PunktParameters.load(SharedData.punktEnglish()));
        for (Prompt p : IfevalgEvaluation.readPrompts(dir.resolve("prompts.jsonl"))) prompts.put(p.key(), p);
        JsonlReader.forEach(dir.resolve("prompts.jsonl"), row -> labels.put(row.string("key"), row));
        Map<?, ?> note = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("unstable.json")));
        for (Object k : (List<?>) ((Map<?, ?>) note.get("nondeterministic_by_construction")).get("keys")) unstable.add((String) k);
    }

    @Test
    void scoresAndVerdictsMatchTheReference() {
        Map<String, String> responses = new HashMap<>();
        JsonlReader.forEach(dir.resolve("responses.jsonl"),
                row -> responses.put(row.string("key") + "/" + row.string("response_id"), row.string("response")));
        List<String> mismatches = new ArrayList<>();
        int[] compared = {0, 0};
        JsonlReader.forEach(dir.resolve("expected.jsonl"), row -> {
            String key = row.string("key");
            if (unstable.contains(key)) return;
            compared[0]++;
            String response = responses.get(key + "/" + row.string("response_id"));
            List<Constraint> fromLabel = GroundTruth.constraints(labels.get(key), "ground_truth");
            assertEquals(prompts.get(key).constraints(), fromLabel, "ground_truth of " + key + " builds the prompt row's constraints");
            IfevalgVerifier.Result result = IfevalgVerifier.verify(fromLabel, response, text);
            double score = ((Number) row.fields().get("score")).doubleValue();
            List<?> expected = row.list("follow_instruction_list");
            compared[1] += expected.size();
            if (score != result.score() || !expected.equals(result.verdicts())) {
                mismatches.add(key + "/" + row.string("response_id") + " " + prompts.get(key).instructionIds() + ": expected "
                        + score + " " + expected + ", got " + result.score() + " " + result.verdicts());
            }
        });
        System.out.println("IFEvalG: " + (compared[0] - mismatches.size()) + " of " + compared[0] + " responses ("
                + compared[1] + " constraint verdicts) match; " + unstable.size() + " random prompts skipped");
        assertEquals(3000 - 3 * unstable.size(), compared[0]);
        assertTrue(mismatches.isEmpty(), mismatches.size() + " responses differ:\n" + String.join("\n", mismatches));
    }

    @Test
    void theEvaluatorGivesTheSameRowsInResponseFileOrder() {
        List<IfevalgEvaluation.Row> rows = IfevalgEvaluation.evaluate(List.copyOf(prompts.values()),
                IfevalgEvaluation.readResponses(dir.resolve("responses.jsonl"), List.copyOf(prompts.values())), text);
        Map<String, IfevalgEvaluation.Row> byResponse = new HashMap<>();
        for (IfevalgEvaluation.Row r : rows) byResponse.put(r.response().key() + "/" + r.response().responseId(), r);
        assertEquals(3000, rows.size());
        List<String> mismatches = new ArrayList<>();
        JsonlReader.forEach(dir.resolve("expected.jsonl"), row -> {
            if (unstable.contains(row.string("key"))) return;
            IfevalgEvaluation.Row r = byResponse.get(row.string("key") + "/" + row.string("response_id"));
            Map<?, ?> line = (Map<?, ?>) Json.parse(IfevalgEvaluation.outputLine(r));
            if (!line.get("score").equals(row.fields().get("score")) || !line.get("follow_instruction_list").equals(row.list("follow_instruction_list"))) {
                mismatches.add(row.string("key") + "/" + row.string("response_id"));
            }
        });
        assertTrue(mismatches.isEmpty(), mismatches.toString());
    }
}
