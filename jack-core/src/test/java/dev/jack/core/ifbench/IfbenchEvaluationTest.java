package dev.jack.core.ifbench;

import dev.jack.core.SharedData;
import dev.jack.core.constraint.CheckerCases;
import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintRegistry;
import dev.jack.core.data.DataFileException;
import dev.jack.core.ifeval.Evaluation;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.Verdicts;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IFBench's scorer: prompt matching, loose variants (IFEval's), missing responses, crash cases, bad input. */
class IfbenchEvaluationTest {
    @TempDir
    Path dir;

    @Test
    void looseVariantsDropFirstAndLastLinesAndAsterisks() {
        assertEquals(java.util.Set.of("b\nc", "**a**\nb", "a\nb", "b", "a\nb\nc"),
                java.util.Set.copyOf(Verifier.looseVariants("**a**\nb\nc")));
        assertEquals(List.of(""), Verifier.looseVariants("one line"));
    }

    @Test
    void responsesAreMatchedByPromptThenStrippedPromptAndMissingOnesFailEverything() throws IOException {
        Path prompts = dir.resolve("prompts.jsonl");
        Files.writeString(prompts, """
                {"key": "1", "prompt": " padded ", "instruction_id_list": ["format:no_whitespace"], "kwargs": [{"N": null}]}
                {"key": 2, "prompt": "exact", "instruction_id_list": ["format:no_whitespace", "format:sub-bullets"], "kwargs": [{}, {}]}
                {"key": "3", "prompt": "unanswered", "instruction_id_list": ["format:no_whitespace"], "kwargs": [{}]}
                """);
        Path responses = dir.resolve("responses.jsonl");
        Files.writeString(responses, """
                {"prompt": "padded", "response": "ok"}
                {"prompt": "exact", "response": "first line\\n* bullet"}
                """);
        List<Evaluation.Row> rows = IfbenchEvaluation.run(IfevalPrompt.readAll(prompts),
                IfbenchEvaluation.readResponses(responses), new Verifier(CheckerCases.TEXT)).rows();
        assertEquals(new Verdicts(List.of(true), List.of(true)), rows.get(0).verdicts());
        assertEquals(new Verdicts(List.of(false, false), List.of(false, true)), rows.get(1).verdicts());
        assertEquals(new Verdicts(List.of(false), List.of(false)), rows.get(2).verdicts());
        Map<?, ?> line = (Map<?, ?>) Json.parse(Evaluation.outputLine(rows.get(2), true));
        assertEquals("", line.get("response"));
        assertEquals(false, line.get("follow_all_instructions"));
    }

    @Test
    void theReferencesCrashCasesAreNotFollowed() throws IOException {
        Constraint csvQuotes = ConstraintRegistry.create("custom:csv_quotes", Map.of());
        Verifier verifier = new Verifier(CheckerCases.TEXT);
        for (String line : Files.readAllLines(SharedData.require("ifbench/ifbench/crash_cases.jsonl"))) {
            Map<?, ?> c = (Map<?, ?>) Json.parse(line);
            Verdicts v = verifier.verify(List.of(csvQuotes), (String) c.get("response"));
            assertEquals(List.of(false), "loose".equals(c.get("mode")) ? v.loose() : v.strict(), line);
        }
    }

    @Test
    void badRowsNameTheFileLineAndField() throws IOException {
        Path prompts = dir.resolve("bad.jsonl");
        Files.writeString(prompts, """
                {"key": "1", "prompt": "p", "instruction_id_list": ["count:numbers"], "kwargs": [{"N": 2}]}
                {"key": "2", "prompt": "p", "instruction_id_list": ["count:numbers"], "kwargs": [{"N": -2}]}
                """);
        DataFileException e = assertThrows(DataFileException.class, () -> IfevalPrompt.readAll(prompts));
        assertTrue(e.getMessage().startsWith(prompts + ":2: kwargs[0].N: must be at least 0"), e.getMessage());
        Files.writeString(prompts, "{\"key\": \"1\", \"prompt\": \"p\", \"instruction_id_list\": [\"count:nope\"], \"kwargs\": [{}]}\n");
        e = assertThrows(DataFileException.class, () -> IfevalPrompt.readAll(prompts));
        assertTrue(e.getMessage().startsWith(prompts + ":1: instruction_id_list[0]: unknown constraint id \"count:nope\""), e.getMessage());
    }
}
