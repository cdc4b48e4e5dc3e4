package dev.jack.spark;

import dev.jack.core.json.Json;
import dev.jack.core.json.PyJson;
import dev.jack.llm.StubServer;
import dev.jack.pipeline.Pipeline;
import dev.jack.pipeline.RunConfig;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * synth → sample → score → curate rs on Spark (local[2]) against the single-machine {@code jack run} of the same
 * config: the same bytes, with the servers failing a fifth of the requests (errors, dropped connections, hangs) and
 * with tasks that fail on their first attempt.
 */
class SparkPipelineTest {
    @TempDir
    static Path dir;

    private static StubServer clean;
    /** The judge of curate rs's quality floor: a score that depends on the prompt and the response it is shown. */
    private static StubServer judge;
    private static Path single;

    /** The task made to fail on purpose, by stage. */
    static final Map<String, Integer> INJECTED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The run's config: the servers (comma-separated), attempts per request; 1.5 s per attempt, a hang's time out. */
    private static String config(String backend, int maxAttempts) {
        return config(backend, maxAttempts, 1.5);
    }

    private static String config(String backend, int maxAttempts, double timeout) {
        return """
                out_dir: %s
                seed: 7
                stages: [synth, sample, score, rs]
                model:
                  backend: %s
                  model: stub
                  concurrency: 4
                  timeout: %s
                  max_attempts: %d
                synth:
                  count: 40
                  constraints: 1-3
                sample:
                  n: 4
                  max_tokens: 32
                curate:
                  rs:
                    contrast: high
                    max_pairs: 2
                    quality_floor: 4
                judge:
                  backend: %s
                  model: stub
                spark:
                  partitions: 3
                """.formatted(dir.resolve("unused"), backend, timeout, maxAttempts, judge.url());
    }

    private static StageContext context(StringWriter out) {
        PrintWriter w = new PrintWriter(out, true);
        return new StageContext(Map.of(), w, w, false);
    }

    /**
     * Answers that meet different constraints by seed (lower case, capitals, no commas, a postscript), so that a
     * prompt's samples score differently and rejection sampling makes pairs.
     */
    private static StubServer varied(StubServer server) {
        server.scriptBySeed((prompt, seed) -> {
            String text = StubServer.answer(prompt, seed, 0) + ", and that is all.";
            return switch ((int) Math.floorMod(seed == null ? 0 : seed, 4L)) {
                case 0 -> text;
                case 1 -> text.toLowerCase(java.util.Locale.ROOT);
                case 2 -> text.toUpperCase(java.util.Locale.ROOT);
                default -> text.replace(",", "") + "\n\nP.S. That is the answer.";
            };
        });
        return server;
    }

    @BeforeAll
    static void singleMachineRun() throws IOException {
        clean = varied(StubServer.start("stub"));
        judge = StubServer.start("stub");
        judge.script(p -> "Judged.\nScore: " + (1 + Math.floorMod(p.hashCode(), 10)) + "/10");
        // A cold JVM's first request can take seconds on a loaded machine: the reference run waits longer.
        Path config = Files.writeString(dir.resolve("single.yaml"), config(clean.url().toString(), 3, 30));
        single = dir.resolve("single");
        StringWriter out = new StringWriter();
        assertEquals(Stage.Status.DONE, new Pipeline(RunConfig.read(config, single)).run(context(out), false), out.toString());
    }

    @AfterAll
    static void stop() {
        clean.close();
        judge.close();
    }

    /** A port held by a socket that does not listen: a server that is down. */
    private static Socket deadPort() throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress("127.0.0.1", 0));
        return s;
    }

    /** A dataset folder's part files, concatenated in name order. */
    private static String concatenated(Path dataset) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.list(dataset)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList()) b.append(Files.readString(p));
        }
        return b.toString();
    }

    private static List<String> leftovers(Path dataset, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dataset)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix)).toList();
        }
    }

    @Test
    void theSameBytesAsOneMachineWithFaultyServersAndFailedTasks() throws IOException {
        Path spark = dir.resolve("spark");
        // The first task of each stage to hand over a row fails on its first attempt (the tests run Spark in this JVM).
        TaskHook failFirstAttempts = (stage, partition, attempt, rows) -> {
            if (attempt == 0 && INJECTED.putIfAbsent(stage, partition) == null) {
                throw new IllegalStateException("failure injected into the first attempt of " + stage + "'s task " + partition);
            }
        };
        try (StubServer faulty = varied(new StubServer("stub", 0.2, Integer.MAX_VALUE, 5000, 11)); Socket dead = deadPort()) {
            Path config = Files.writeString(dir.resolve("spark.yaml"),
                    config(faulty.url() + ",http://127.0.0.1:" + dead.getLocalPort(), 12));
            StringWriter out = new StringWriter();
            assertEquals(Stage.Status.DONE, new SparkPipeline(SparkFixture.spark(), config, spark, failFirstAttempts).run(context(out), false),
                    out.toString());
            assertTrue(faulty.faultsInjected() > 20, "the server failed requests: " + faulty.faultsInjected());
            assertTrue(out.toString().contains("taken out of service"), "the dead server was taken out: " + out);
            assertTrue(out.toString().matches("(?s).*, [1-9]\\d* pairs under the quality floor.*"), "the judge's floor dropped pairs: " + out);
        }
        assertEquals(Set.of("synth", "sample", "score", "rs"), INJECTED.keySet(), "a task of each stage failed once");
        for (String dataset : List.of("prompts.jsonl", "samples.jsonl", "scored.jsonl", "scored.pass_rates.jsonl", "pairs-rs.jsonl")) {
            assertEquals(Files.readString(single.resolve(dataset)), concatenated(spark.resolve(dataset)), dataset);
            assertTrue(Files.exists(spark.resolve(dataset).resolve("_SUCCESS")), dataset + " committed");
            assertEquals(List.of(), leftovers(spark.resolve(dataset), "failed-"), dataset);
        }
        for (String stats : List.of("prompts.stats.json", "pairs-rs.jsonl.stats.json")) {
            assertEquals(Files.readString(single.resolve(stats)), Files.readString(spark.resolve(stats)), stats);
        }
        assertTrue(Files.readString(single.resolve("pairs-rs.jsonl")).lines().count() > 3, "the run made pairs to compare");

        // A second run has nothing to do.
        StringWriter again = new StringWriter();
        Path config = dir.resolve("spark.yaml");
        assertEquals(Stage.Status.DONE, new SparkPipeline(SparkFixture.spark(), config, spark, TaskHook.NONE).run(context(again), false));
        assertEquals(4, again.toString().lines().filter(l -> l.endsWith("done before, skipped")).count(), again.toString());
    }

    /**
     * Rows whose attempts ran out are listed as failed and the stage is incomplete; a rerun samples only those rows (here
     * through other servers of the fleet: the list may change between runs) and ends with every row once.
     */
    @Test
    void aRerunRetriesOnlyTheFailedRows() throws IOException {
        Path spark = dir.resolve("retry");
        Path config = dir.resolve("retry.yaml");
        try (StubServer flaky = varied(new StubServer("stub", 0.3, Integer.MAX_VALUE, 0, 5)); Socket dead = deadPort()) {
            Files.writeString(config, samplingOnly(config(flaky.url() + ",http://127.0.0.1:" + dead.getLocalPort(), 1)));
            StringWriter out = new StringWriter();
            assertEquals(Stage.Status.INCOMPLETE, new SparkPipeline(SparkFixture.spark(), config, spark, TaskHook.NONE).run(context(out), false),
                    out.toString());
            assertTrue(out.toString().contains("160 total, 0 already done"), out.toString());
            assertTrue(!leftovers(spark.resolve("samples.jsonl"), "failed-").isEmpty());
        }
        try (Socket dead = deadPort()) {
            Files.writeString(config, samplingOnly(config("http://127.0.0.1:" + dead.getLocalPort() + "," + clean.url(), 1)));
            StringWriter out = new StringWriter();
            assertEquals(Stage.Status.DONE, new SparkPipeline(SparkFixture.spark(), config, spark, TaskHook.NONE).run(context(out), false),
                    out.toString());
            assertTrue(out.toString().contains("stage sample: running on Spark (retrying its failed rows)"), out.toString());
            assertTrue(out.toString().contains("0 failed"), out.toString());
        }
        assertEquals(List.of(), leftovers(spark.resolve("samples.jsonl"), "failed-"));
        assertTrue(leftovers(spark.resolve("samples.jsonl"), "part-").stream().anyMatch(n -> n.endsWith("-r1.jsonl")), "a retry round");
        assertEquals(sortedByRow(Files.readString(single.resolve("samples.jsonl"))), sortedByRow(concatenated(spark.resolve("samples.jsonl"))));
    }

    /**
     * Tree search on Spark (a search per prompt in the tasks, here on Jack's engine with the random tiny model) makes
     * the pairs and statistics of the single-machine stage.
     */
    @Test
    void treeSearchPerPromptGivesTheSamePairs() throws IOException {
        String yaml = """
                stages: [mcts]
                prompts: %s
                seed: 3
                curate:
                  mcts:
                    preset: lean
                    max_tokens: 24
                    step_tokens: 8-12
                    limit: 3
                    parallel_prompts: 2
                spark:
                  partitions: 2
                """.formatted(single.resolve("prompts.jsonl"));
        Path config = Files.writeString(dir.resolve("mcts.yaml"), yaml);
        StringWriter out = new StringWriter();
        assertEquals(Stage.Status.DONE, new Pipeline(RunConfig.read(config, dir.resolve("mcts-single"))).run(context(out), false), out.toString());
        assertEquals(Stage.Status.DONE, new SparkPipeline(SparkFixture.spark(), config, dir.resolve("mcts-spark"), TaskHook.NONE).run(context(out), false),
                out.toString());
        assertEquals(Files.readString(dir.resolve("mcts-single/pairs-mcts.jsonl")), concatenated(dir.resolve("mcts-spark/pairs-mcts.jsonl")));
        assertEquals(Files.readString(dir.resolve("mcts-single/pairs-mcts.jsonl.stats.json")),
                Files.readString(dir.resolve("mcts-spark/pairs-mcts.jsonl.stats.json")));
        assertTrue(Files.readString(dir.resolve("mcts-spark/pairs-mcts.jsonl.stats.json")).contains("\"prompts\": 3"), "three prompts searched");
    }

    /**
     * Score with open-instruct's labels ({@code labels_field}) on the prompt rows, on Spark and in one process: the
     * same bytes, and the same rows as scoring against the prompts' own constraints.
     */
    @Test
    void scoreWithLabelsGivesTheSameRows() throws IOException {
        StringBuilder labelled = new StringBuilder();
        for (String line : Files.readString(single.resolve("prompts.jsonl")).lines().toList()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = new java.util.LinkedHashMap<>((Map<String, Object>) Json.parse(line));
            Map<String, Object> label = new java.util.LinkedHashMap<>();
            label.put("instruction_id", row.remove("instruction_id_list"));
            label.put("kwargs", row.remove("kwargs"));
            row.put("ground_truth", PyJson.dumps(List.of(PyJson.dumps(label))));
            labelled.append(PyJson.dumps(row)).append('\n');
        }
        Path prompts = Files.writeString(dir.resolve("labelled.jsonl"), labelled);
        Path config = Files.writeString(dir.resolve("labels.yaml"), """
                stages: [score]
                prompts: %s
                seed: 7
                score:
                  labels_field: ground_truth
                spark:
                  partitions: 3
                """.formatted(prompts));
        for (String run : List.of("labels-single", "labels-spark")) {
            Files.createDirectories(dir.resolve(run));
            Files.copy(single.resolve("samples.jsonl"), dir.resolve(run).resolve("samples.jsonl"));
        }
        StringWriter out = new StringWriter();
        assertEquals(Stage.Status.DONE, new Pipeline(RunConfig.read(config, dir.resolve("labels-single"))).run(context(out), false), out.toString());
        assertEquals(Stage.Status.DONE, new SparkPipeline(SparkFixture.spark(), config, dir.resolve("labels-spark"), TaskHook.NONE).run(context(out), false),
                out.toString());
        String scored = Files.readString(dir.resolve("labels-single/scored.jsonl"));
        assertEquals(Files.readString(single.resolve("scored.jsonl")), scored, "labels of the same constraints score the same");
        assertEquals(scored, concatenated(dir.resolve("labels-spark/scored.jsonl")));

        // open-instruct's IFEvalG verifier, which removes <answer> wrappers before checking: wrapped responses (two more
        // paragraphs, to IFEval's checker) get the verdicts of the unwrapped ones, on Spark as in one process.
        Path ifevalg = Files.writeString(dir.resolve("ifevalg.yaml"), Files.readString(config).replace("labels_field: ground_truth",
                "labels_field: ground_truth\n  verifier: ifevalg"));
        StringBuilder wrapped = new StringBuilder();
        for (String line : Files.readString(single.resolve("samples.jsonl")).lines().toList()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = new java.util.LinkedHashMap<>((Map<String, Object>) Json.parse(line));
            row.put("response", "<answer>\n\n" + row.get("response") + "\n\n</answer>");
            wrapped.append(PyJson.dumps(row)).append('\n');
        }
        for (String run : List.of("ifevalg-single", "ifevalg-spark")) Files.writeString(Files.createDirectories(dir.resolve(run)).resolve("samples.jsonl"), wrapped);
        assertEquals(Stage.Status.DONE, new Pipeline(RunConfig.read(ifevalg, dir.resolve("ifevalg-single"))).run(context(out), false), out.toString());
        assertEquals(Stage.Status.DONE, new SparkPipeline(SparkFixture.spark(), ifevalg, dir.resolve("ifevalg-spark"), TaskHook.NONE).run(context(out), false),
                out.toString());
        String rewarded = Files.readString(dir.resolve("ifevalg-single/scored.jsonl"));
        assertEquals(verdicts(scored), verdicts(rewarded), "the wrapped responses get the unwrapped ones' verdicts");
        assertEquals(rewarded, concatenated(dir.resolve("ifevalg-spark/scored.jsonl")));
    }

    /** Each scored row's strict verdicts and reward, in order. */
    private static List<List<Object>> verdicts(String scored) {
        return scored.lines().map(l -> (Map<?, ?>) Json.parse(l)).map(r -> List.<Object>of(r.get("strict"), r.get("reward"))).toList();
    }

    /** The config with only the sample stage, on the single-machine run's prompts. */
    private static String samplingOnly(String config) {
        return config.replace("stages: [synth, sample, score, rs]", "stages: [sample]\nprompts: " + single.resolve("prompts.jsonl"));
    }

    /** Lines sorted by (key, sample_index). */
    private static List<String> sortedByRow(String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        lines.sort(Comparator.comparing((String l) -> (Long) ((Map<?, ?>) Json.parse(l)).get("key"))
                .thenComparing(l -> (Long) ((Map<?, ?>) Json.parse(l)).get("sample_index")));
        return lines;
    }
}
