package dev.jack.core.ifeval;

import dev.jack.core.SharedData;
import dev.jack.core.json.Json;
import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.TextTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jack against Google's reference scorer on IFEval's GPT-4 responses: both output files byte-identical
 * on every stable row, and the same four accuracies.
 */
class ReferenceConformanceTest {
    static Path ifeval;
    static Evaluation evaluation;
    static Set<Long> unstable;

    @BeforeAll
    static void evaluate() throws IOException {
        if (!SharedData.present("ifeval/punkt_tab/english")) return;
        ifeval = SharedData.require("ifeval");
        PunktParameters punkt = PunktParameters.load(SharedData.punktEnglish());
        List<IfevalPrompt> prompts = IfevalPrompt.readAll(ifeval.resolve("input_data.jsonl"));
        ResponseFile responses = ResponseFile.read(ifeval.resolve("responses_gpt4.jsonl"));
        evaluation = Evaluation.run(prompts, responses, new Verifier(new TextTools(() -> punkt)));
        unstable = new HashSet<>();
        Map<?, ?> note = (Map<?, ?>) Json.parse(Files.readString(ifeval.resolve("unstable_gpt4.json")));
        for (Object k : (List<?>) note.get("keys")) unstable.add((Long) k);
    }

    /** Each test is skipped, with its reason, where the reference data is absent. */
    @BeforeEach
    void requireReferenceData() {
        SharedData.punktEnglish();
    }

    private void assertRowsMatch(String file, boolean loose) throws IOException {
        List<String> expected = Files.readAllLines(ifeval.resolve("expected_gpt4").resolve(file));
        assertEquals(expected.size(), evaluation.rows().size());
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < expected.size(); i++) {
            Evaluation.Row row = evaluation.rows().get(i);
            if (unstable.contains(row.prompt().key())) continue;
            compared++;
            String actual = Evaluation.outputLine(row, loose);
            if (!actual.equals(expected.get(i))) {
                mismatches.add("key " + row.prompt().key() + " " + row.prompt().instructionIds()
                        + "\n  expected " + abbreviate(expected.get(i)) + "\n  actual   " + abbreviate(actual));
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + compared + " rows differ:\n" + String.join("\n", mismatches));
        assertEquals(expected.size() - unstable.size(), compared);
    }

    private static String abbreviate(String line) {
        int cut = line.indexOf(", \"instruction_id_list\"");
        return cut > 0 ? line.substring(0, cut) : line;
    }

    @Test
    void strictRowsAreByteIdentical() throws IOException {
        assertRowsMatch("eval_results_strict.jsonl", false);
    }

    @Test
    void looseRowsAreByteIdentical() throws IOException {
        assertRowsMatch("eval_results_loose.jsonl", true);
    }

    @Test
    void accuraciesEqualTheReference() {
        // The reference's published figures; the unstable rows may move each count by at most their number.
        assertWithin(417, 541, evaluation.promptLevel(false));
        assertWithin(698, 834, evaluation.instructionLevel(false));
        assertWithin(430, 541, evaluation.promptLevel(true));
        assertWithin(713, 834, evaluation.instructionLevel(true));
    }

    private void assertWithin(int correct, int total, Evaluation.Accuracy actual) {
        assertEquals(total, actual.total());
        assertTrue(Math.abs(actual.correct() - correct) <= unstable.size(),
                "expected " + correct + "/" + total + " up to " + unstable.size() + " unstable rows, got " + actual);
    }
}
