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
import java.util.List;
import java.util.Map;

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
}
