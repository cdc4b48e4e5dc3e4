package dev.jack.pipeline;

import dev.jack.llm.engine.RandomLlama;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jack run redoes a stage, and the stages after it, when what its outputs depend on changed: an input file's content or the model file. */
class PipelineTest {
    @TempDir
    Path dir;

    private StringWriter out;
    private Path prompts;
    private Path model;

    @BeforeEach
    void setUp() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int key = 1; key <= 3; key++) {
            rows.append("{\"key\": ").append(key).append(", \"prompt\": \"Task ").append(key).append(". No commas.\", ")
                    .append("\"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}\n");
        }
        prompts = Files.writeString(dir.resolve("prompts.jsonl"), rows);
        model = dir.resolve("model.gguf");
        RandomLlama.write(model, RandomLlama.Shape.tiny(), 0, "test model");
    }

    private String run() throws IOException {
        Path config = Files.writeString(dir.resolve("run.yaml"), """
                out_dir: %s
                prompts: %s
                stages: [sample, score, rs, report]
                model: {backend: embedded, model: %s}
                sample: {n: 2, max_tokens: 8}
                """.formatted(dir.resolve("out"), prompts, model));
        out = new StringWriter();
        StageContext context = new StageContext(Map.of("JACK_CACHE_DIR", dir.resolve("cache").toString()), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), false);
        assertEquals(Stage.Status.DONE, new Pipeline(RunConfig.read(config, null)).run(context, false));
        return out.toString();
    }

    @Test
    void anEditedInputFileRedoesItsStageAndTheStagesAfterIt() throws IOException {
        assertTrue(run().contains("stage sample: running (first run)"), out.toString());
        String again = run();
        for (String stage : new String[] {"sample", "score", "rs", "report"}) assertTrue(again.contains("stage " + stage + ": done before, skipped"), again);

        Files.writeString(prompts, Files.readString(prompts).replace("Task 2.", "Task two."));
        String edited = run();
        assertTrue(edited.contains("stage sample: running (its input prompts.jsonl changed)"), edited);
        assertTrue(edited.contains("stage score: running (its input prompts.jsonl changed)"), edited);
        assertTrue(edited.contains("stage rs: running (its input scored.jsonl changed)"), edited);
        assertTrue(Files.readString(dir.resolve("out/samples.jsonl")).contains("Task two."), "sampled again from the edited prompts");
    }

    @Test
    void anotherModelFileAtTheSamePathRedoesSampling() throws IOException {
        run();
        byte[] before = Files.readAllBytes(dir.resolve("out/samples.jsonl"));
        RandomLlama.write(model, RandomLlama.Shape.tiny(), 7, "other weights");
        String switched = run();
        assertTrue(switched.contains("stage sample: running (its input model.gguf changed)"), switched);
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("out/samples.jsonl"))), "other weights, other samples");
        assertTrue(switched.contains("stage score: running (its input samples.jsonl changed)"), switched);
    }

    @Test
    void anErrorInsideAStageNamesTheConfigKeyNotAFlag() throws IOException {
        Path config = Files.writeString(dir.resolve("hf.yaml"), "prompts: %s\nstages: [sample]\nmodel:\n  backend: embedded\n  model: hf://owner/repo/m.gguf\n"
                .formatted(prompts));
        StageContext context = new StageContext(Map.of("JACK_CACHE_DIR", dir.resolve("cache").toString(), "JACK_HF_ENDPOINT", "http://127.0.0.1:9"),
                new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true), false);
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.jack.core.UserException.class,
                () -> new Pipeline(RunConfig.read(config, dir.resolve("hf"))).run(context, false));
        assertTrue(e.getMessage().startsWith(config + ":5: model.model: hf://owner/repo/m.gguf: cannot download the model from "
                + "http://127.0.0.1:9/owner/repo/resolve/main/m.gguf"), e.getMessage());
        assertTrue(e.getMessage().contains("JACK_HF_ENDPOINT") && !e.getMessage().contains("--model"), e.getMessage());
    }

    @Test
    void aStageThatStoppedResumesWithoutLosingItsWork() throws IOException {
        run();
        // A killed run leaves the marker unfinished and the journal as it was.
        Path marker = dir.resolve("out/.jack-run/sample.json");
        Files.writeString(marker, Files.readString(marker).replace("\"done\": true", "\"done\": false"));
        byte[] samples = Files.readAllBytes(dir.resolve("out/samples.jsonl"));
        String resumed = run();
        assertTrue(resumed.contains("stage sample: running (resuming where it stopped)"), resumed);
        assertTrue(resumed.contains("rows: 6 total, 6 already done, 0 done now"), resumed);
        assertTrue(resumed.contains("stage score: done before, skipped"), "the same samples, so scoring is not redone: " + resumed);
        assertEquals(new String(samples), Files.readString(dir.resolve("out/samples.jsonl")));
    }
}
