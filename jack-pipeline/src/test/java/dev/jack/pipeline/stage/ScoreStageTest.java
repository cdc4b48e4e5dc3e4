package dev.jack.pipeline.stage;

import dev.jack.core.curate.Reward;
import dev.jack.core.constraint.Broken;
import dev.jack.core.data.DataFileException;
import dev.jack.core.text.Thinking;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jack score: a checker that throws costs its row that verdict, named, and nothing else; samples of another prompt text are refused. */
class ScoreStageTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void register() {
        Broken.register();
    }

    private Path prompts() throws IOException {
        return Files.writeString(dir.resolve("prompts.jsonl"),
                "{\"key\": 1, \"prompt\": \"P\", \"instruction_id_list\": [\"punctuation:no_comma\", \"test:broken\"], \"kwargs\": [{}, {}]}\n");
    }

    private String score(Path samples, Path out, StringWriter err) {
        StringWriter console = new StringWriter();
        StageContext context = new StageContext(Map.of(), new PrintWriter(console, true), new PrintWriter(err, true), false);
        assertEquals(Stage.Status.DONE, new ScoreStage(dir.resolve("prompts.jsonl"), samples, out, new ScoreStage.Options(Reward.STRICT, false, Thinking.STRIP, null))
                .run(context));
        return console.toString();
    }

    @Test
    void aCheckerThatThrowsIsRecordedOnItsRowAndTheRunGoesOn() throws IOException {
        prompts();
        Path samples = Files.writeString(dir.resolve("samples.jsonl"), """
                {"key": 1, "sample_index": 0, "prompt": "P", "response": "no comma"}
                {"key": 1, "sample_index": 1, "prompt": "P", "response": "a, b"}
                """);
        Path out = dir.resolve("scored.jsonl");
        StringWriter err = new StringWriter();
        assertTrue(score(samples, out, err).contains("scored 2 samples"));
        List<String> rows = Files.readAllLines(out);
        assertTrue(rows.get(0).contains("\"checker_errors\": [\"test:broken: IllegalStateException: bug on 8 chars\"]"), rows.get(0));
        assertTrue(rows.get(0).contains("\"strict\": [true, false]") && rows.get(0).contains("\"reward_strict\": 0.5"), rows.get(0));
        assertTrue(rows.get(1).contains("\"strict\": [false, false]"), rows.get(1));
        assertTrue(err.toString().contains("jack: warning: " + samples + ":1: key 1: test:broken: IllegalStateException: bug on 8 chars (counted as not followed)"),
                err.toString());
        assertTrue(err.toString().contains(samples + ":2: key 1:"), err.toString());
    }

    @Test
    void samplesOfAnotherPromptTextAreRefused() throws IOException {
        prompts();
        Path samples = Files.writeString(dir.resolve("samples.jsonl"), "{\"key\": 1, \"sample_index\": 0, \"prompt\": \"P before an edit\", \"response\": \"x\"}\n");
        var e = assertThrows(DataFileException.class, () -> score(samples, dir.resolve("scored.jsonl"), new StringWriter()));
        assertTrue(e.getMessage().startsWith(samples + ":1: prompt: is not the prompt with key 1 in "), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("scored.jsonl")));
    }

    /**
     * The prompts are read while the samples are scored, yet a bad prompts file is reported as when it was read first:
     * before a sample's own error, whether the samples come in the prompts' order or not.
     */
    @Test
    void aBadPromptsFileIsReportedBeforeTheSamplesErrors() throws IOException {
        StringBuilder prompts = new StringBuilder();
        StringBuilder samples = new StringBuilder();
        for (int k = 0; k < 3_000; k++) {
            prompts.append("{\"key\": ").append(k).append(", \"prompt\": \"P\", \"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}\n");
            samples.append("{\"key\": ").append((k * 7) % 3_000).append(", \"response\": \"r\"}\n");
        }
        Files.writeString(dir.resolve("prompts.jsonl"), prompts);
        Path out = dir.resolve("scored.jsonl");
        Path good = Files.writeString(dir.resolve("samples.jsonl"), samples);
        assertTrue(score(good, out, new StringWriter()).contains("scored 3000 samples"));
        List<String> rows = Files.readAllLines(out);
        for (int k = 0; k < 3_000; k++) assertTrue(rows.get(k).startsWith("{\"key\": " + (k * 7) % 3_000 + ", \"response\": \"r\", "), rows.get(k));
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"key\": 1, \"response\": \"r\"}\n{\"key\": 2, \"response\": ");
        Files.writeString(dir.resolve("prompts.jsonl"), prompts + "{\"key\": 5}\n");
        var e = assertThrows(DataFileException.class, () -> score(bad, out, new StringWriter()));
        assertEquals(dir.resolve("prompts.jsonl") + ":3001: instruction_id_list: is missing", e.getMessage());
        // Every sample's prompt comes before the bad line: the run still fails, and the last good output stays.
        byte[] scored = Files.readAllBytes(out);
        e = assertThrows(DataFileException.class, () -> score(good, out, new StringWriter()));
        assertEquals(dir.resolve("prompts.jsonl") + ":3001: instruction_id_list: is missing", e.getMessage());
        assertArrayEquals(scored, Files.readAllBytes(out));
        Path unknown = Files.writeString(dir.resolve("unknown.jsonl"), "{\"key\": 9999, \"response\": \"r\"}\n");
        e = assertThrows(DataFileException.class, () -> score(unknown, out, new StringWriter()));
        assertEquals(dir.resolve("prompts.jsonl") + ":3001: instruction_id_list: is missing", e.getMessage());
        StageContext quiet = new StageContext(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false);
        ScoreStage noPunkt = new ScoreStage(dir.resolve("prompts.jsonl"), good, out, new ScoreStage.Options(Reward.STRICT, false, Thinking.STRIP, dir.resolve("no-punkt")));
        e = assertThrows(DataFileException.class, () -> noPunkt.run(quiet));
        assertEquals(dir.resolve("prompts.jsonl") + ":3001: instruction_id_list: is missing", e.getMessage());
        Files.writeString(dir.resolve("prompts.jsonl"), prompts);
        e = assertThrows(DataFileException.class, () -> score(bad, out, new StringWriter()));
        assertTrue(e.getMessage().startsWith(bad + ":2: malformed JSON"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> score(unknown, out, new StringWriter()));
        assertTrue(e.getMessage().startsWith(unknown + ":1: key: no prompt with key 9999 in "), e.getMessage());
    }

    /**
     * Rows are written field by field, and a row that kept fields of its own goes through a map: a field named as one of
     * score's (a scored file scored again) is replaced in its place, never written twice.
     */
    @Test
    void aRowsOwnFieldNamedAsScoresIsReplacedInItsPlace() throws IOException {
        prompts();
        Path samples = Files.writeString(dir.resolve("samples.jsonl"), """
                {"key": 1, "reward": 7, "response": "no comma", "extra": "\u00e9"}
                {"key": 1, "response": "a, b"}
                """);
        Path out = dir.resolve("scored.jsonl");
        score(samples, out, new StringWriter());
        List<String> rows = Files.readAllLines(out);
        assertEquals("{\"key\": 1, \"response\": \"no comma\", \"finish_reason\": null, \"reward\": 0.5, \"extra\": \"\\u00e9\", \"control_tokens\": [], "
                + "\"instruction_id_list\": [\"punctuation:no_comma\", \"test:broken\"], \"strict\": [true, false], \"loose\": [true, false], "
                + "\"reward_strict\": 0.5, \"reward_loose\": 0.5, \"checker_errors\": [\"test:broken: IllegalStateException: bug on 8 chars\"]}", rows.get(0));
        assertEquals("{\"key\": 1, \"response\": \"a, b\", \"finish_reason\": null, \"control_tokens\": [], "
                + "\"instruction_id_list\": [\"punctuation:no_comma\", \"test:broken\"], \"strict\": [false, false], \"loose\": [false, false], "
                + "\"reward_strict\": 0.0, \"reward_loose\": 0.0, \"reward\": 0.0, \"checker_errors\": [\"test:broken: IllegalStateException: bug on 4 chars\"]}", rows.get(1));
    }

    /**
     * With a labels field, a prompts file's key given twice is an error naming the second row, as without one (the later
     * row's labels silently scored the key's samples); a key written as a string of digits is the key, as IFBench writes it.
     */
    @Test
    void labelRowsWithAKeyGivenTwiceAreRefused() throws IOException {
        Path prompts = Files.writeString(dir.resolve("labels.jsonl"), """
                {"key": "1", "ground_truth": "[{'instruction_id': ['punctuation:no_comma'], 'kwargs': [None]}]"}
                {"key": 2, "ground_truth": "[{'instruction_id': ['punctuation:no_comma'], 'kwargs': [None]}]"}
                """);
        Path samples = Files.writeString(dir.resolve("samples.jsonl"), "{\"key\": 1, \"response\": \"a, b\"}\n");
        Path out = dir.resolve("scored.jsonl");
        ScoreStage.Options labelled = new ScoreStage.Options(Reward.STRICT, false, Thinking.STRIP, null, false, ScoreStage.Verification.IFEVAL, "ground_truth");
        StageContext quiet = new StageContext(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false);
        assertEquals(Stage.Status.DONE, new ScoreStage(prompts, samples, out, labelled).run(quiet));
        assertTrue(Files.readString(out).contains("\"strict\": [false]"), Files.readString(out));
        byte[] scored = Files.readAllBytes(out);
        Files.writeString(prompts, "{\"key\": 1, \"ground_truth\": \"[{'instruction_id': ['detectable_format:title'], 'kwargs': [None]}]\"}\n", StandardOpenOption.APPEND);
        var e = assertThrows(DataFileException.class, () -> new ScoreStage(prompts, samples, out, labelled).run(quiet));
        assertEquals(prompts + ":3: key: duplicate key 1 (first on line 1)", e.getMessage());
        assertArrayEquals(scored, Files.readAllBytes(out));
    }
}
