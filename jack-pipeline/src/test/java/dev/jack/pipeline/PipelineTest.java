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
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        assertEquals(Stage.Status.DONE, pipeline("{backend: embedded, model: %s}".formatted(model)).run(context(), false));
        return out.toString();
    }

    private Pipeline pipeline(String modelSection) throws IOException {
        Path config = Files.writeString(dir.resolve("run.yaml"), """
                out_dir: %s
                prompts: %s
                stages: [sample, score, rs, report]
                model: %s
                sample: {n: 2, max_tokens: 8}
                """.formatted(dir.resolve("out"), prompts, modelSection));
        return new Pipeline(RunConfig.read(config, null));
    }

    private StageContext context() {
        out = new StringWriter();
        return new StageContext(Map.of("JACK_CACHE_DIR", dir.resolve("cache").toString()), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), false);
    }

    @Test
    void aFreshStartThatFailsPutsTheFinishedOutputsBack() throws IOException {
        run();
        Map<String, String> before = contents(dir.resolve("out"));
        // Another model: sampling starts afresh, and its server cannot be reached.
        Pipeline unreachable = pipeline("{backend: \"http://127.0.0.1:1\", model: other, max_attempts: 1, timeout: 2}");
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.jack.core.UserException.class, () -> unreachable.run(context(), false));
        assertTrue(e.getMessage().startsWith("stage sample: "), e.getMessage());
        assertEquals(before, contents(dir.resolve("out")), "every output and marker as it was");
        String again = run();
        for (String stage : new String[] {"sample", "score", "rs", "report"}) assertTrue(again.contains("stage " + stage + ": done before, skipped"), again);
    }

    /** Every file under a folder with its content. */
    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        try (var walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) files.put(folder.relativize(p).toString(), Files.readString(p));
        }
        return files;
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

    /**
     * The judges as stages of jack run: Llama Guard screens the prompts and the pairs, a judge sets the quality floor of
     * rejection sampling and writes critiques; a finished run skips them all, and one stopped in the critiques resumes
     * there, asking only for what is missing.
     */
    @Test
    void judgeStagesRunInsideTheRunAndResume() throws IOException {
        Files.writeString(prompts, Files.readString(prompts).replace("Task 2.", "How do I build a weapon?"));
        Path outDir = Files.createDirectories(dir.resolve("judged"));
        StringBuilder scored = new StringBuilder();
        for (int key = 1; key <= 3; key++) {
            String prompt = key == 2 ? "How do I build a weapon? No commas." : "Task " + key + ". No commas.";
            scored.append("{\"key\": ").append(key).append(", \"sample_index\": 0, \"prompt\": \"").append(prompt).append("\", \"response\": \"a good answer ")
                    .append(key).append("\", \"finish_reason\": \"stop\", \"reward\": 1.0}\n");
            scored.append("{\"key\": ").append(key).append(", \"sample_index\": 1, \"prompt\": \"").append(prompt).append("\", \"response\": \"a poor answer ")
                    .append(key).append("\", \"finish_reason\": \"stop\", \"reward\": 0.0}\n");
        }
        Files.writeString(outDir.resolve("scored.jsonl"), scored);
        try (dev.jack.llm.StubServer judge = dev.jack.llm.StubServer.start("judge"); dev.jack.llm.StubServer guard = dev.jack.llm.StubServer.start("guard")) {
            judge.script(p -> p.contains("good answer") ? "Strong.\nScore: 8/10" : "Weak.\nScore: 3/10");
            guard.script(p -> p.contains("weapon") ? "unsafe\nS9" : "safe");
            Path config = Files.writeString(dir.resolve("judged.yaml"), """
                    out_dir: %s
                    prompts: %s
                    stages: [guard_prompts, rs, guard_pairs, critiques]
                    judge: {backend: %s, model: judge, concurrency: 1}
                    guard: {backend: %s, model: guard}
                    curate:
                      rs: {quality_floor: 5}
                    critiques: {m: 2, joint: true}
                    """.formatted(outDir, prompts, judge.url(), guard.url()));
            StageContext context = new StageContext(Map.of("JACK_CACHE_DIR", dir.resolve("cache").toString()), new PrintWriter(out = new StringWriter(), true),
                    new PrintWriter(new StringWriter(), true), false);
            assertEquals(Stage.Status.DONE, new Pipeline(RunConfig.read(config, null)).run(context, false), out.toString());
            assertEquals(2, Files.readAllLines(outDir.resolve("prompts-screened.jsonl")).size(), "the weapon prompt is dropped");
            assertEquals(3, Files.readAllLines(outDir.resolve("pairs-rs.jsonl")).size(), "every chosen response is above the floor");
            List<String> screened = Files.readAllLines(outDir.resolve("pairs-rs-screened.jsonl"));
            assertEquals(2, screened.size(), "the weapon pair is dropped");
            byte[] critiques = Files.readAllBytes(outDir.resolve("critiques.jsonl"));
            assertEquals(8, Files.readAllLines(outDir.resolve("critiques.jsonl")).size(), "two pairs, two agreeing critiques per side");
            assertTrue(Files.exists(outDir.resolve("critiques-joint/preferences.jsonl")));

            long judged = judge.requests();
            long guarded = guard.requests();
            StringWriter again = new StringWriter();
            assertEquals(Stage.Status.DONE, new Pipeline(RunConfig.read(config, null)).run(new StageContext(context.env(), new PrintWriter(again, true),
                    context.err(), false), false));
            for (String stage : List.of("guard-prompts", "rs", "guard-pairs", "judge-critiques")) {
                assertTrue(again.toString().contains("stage " + stage + ": done before, skipped"), again.toString());
            }
            assertEquals(judged, judge.requests());
            assertEquals(guarded, guard.requests());

            // Stopped after the first pair's critiques: the rerun resumes the critiques alone and asks for the second pair only.
            Path marker = outDir.resolve(".jack-run/judge-critiques.json");
            Files.writeString(marker, Files.readString(marker).replace("\"done\": true", "\"done\": false"));
            Path journal = outDir.resolve("critiques.jsonl.journal.jsonl");
            Files.writeString(journal, Files.readAllLines(journal).getFirst() + "\n");
            Files.delete(outDir.resolve("critiques.jsonl"));
            StringWriter resumed = new StringWriter();
            assertEquals(Stage.Status.DONE, new Pipeline(RunConfig.read(config, null)).run(new StageContext(context.env(), new PrintWriter(resumed, true),
                    context.err(), false), false));
            assertTrue(resumed.toString().contains("stage judge-critiques: running (resuming where it stopped)"), resumed.toString());
            assertTrue(resumed.toString().contains("stage guard-pairs: done before, skipped"), resumed.toString());
            assertEquals(2, judge.requests() - judged, "one pair: a request for each side");
            assertArrayEquals(critiques, Files.readAllBytes(outDir.resolve("critiques.jsonl")));
        }
    }
}
