package dev.jack.spark;

import dev.jack.pipeline.Pipeline;
import dev.jack.pipeline.RunConfig;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;
import dev.jack.pipeline.bench.BenchFixtureServer;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jack-spark bench}: rows per second of sample (against a local fixture server that answers at once, so the
 * figure is Jack's and Spark's overhead per row, not a model's) and of score, in this Spark application with each
 * number of partitions given, and the same stages in one process ({@code jack run}'s). A benchmark, not a test: each
 * figure is the wall time of one stage of a run, from planning to the committed dataset, after a warm-up run.
 */
final class SparkBench {
    private SparkBench() {}

    static void run(SparkSession spark, int prompts, int n, List<Integer> partitions, PrintWriter out) throws IOException {
        Path dir = Files.createTempDirectory("jack-spark-bench");
        StageContext quiet = new StageContext(System.getenv(), new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()), false);
        try (BenchFixtureServer server = new BenchFixtureServer("bench")) {
            Path made = dir.resolve("made");
            Path synth = config(dir, "synth", server, "[synth]", null, prompts, n, 1);
            if (new Pipeline(RunConfig.read(synth, made)).run(quiet, false) != Stage.Status.DONE) throw new IllegalStateException("synth failed");
            Path promptFile = made.resolve("prompts.jsonl");
            long rows = (long) prompts * n;
            out.printf("%d prompts x %d samples = %d rows; %d cores; the fixture server answers at once%n", prompts, n, rows,
                    Runtime.getRuntime().availableProcessors());
            out.printf("%-28s %14s %14s%n", "", "sample rows/s", "score rows/s");
            // Warm-up: a small Spark run and a small single-machine run, not reported.
            measure(spark, dir, "warm", server, promptFile, n, partitions.getFirst(), quiet, true);
            double[] single = measure(spark, dir, "single", server, promptFile, n, 0, quiet, false);
            out.printf("%-28s %,14.0f %,14.0f%n", "one process (jack run)", rows / single[0], rows / single[1]);
            for (int p : partitions) {
                double[] onSpark = measure(spark, dir, "spark-" + p, server, promptFile, n, p, quiet, true);
                out.printf("%-28s %,14.0f %,14.0f%n", "Spark " + spark.sparkContext().master() + ", " + p + " partitions", rows / onSpark[0],
                        rows / onSpark[1]);
            }
        }
    }

    /** Seconds of sample, then of score (a run of both, sample timed alone first). */
    private static double[] measure(SparkSession spark, Path dir, String name, BenchFixtureServer server, Path prompts, int n, int partitions,
                                    StageContext quiet, boolean onSpark) throws IOException {
        Path out = dir.resolve(name);
        Path sampleOnly = config(dir, name + "-sample", server, "[sample]", prompts, 0, n, partitions);
        Path both = config(dir, name + "-score", server, "[sample, score]", prompts, 0, n, partitions);
        long t0 = System.nanoTime();
        run(spark, sampleOnly, out, quiet, onSpark);
        long t1 = System.nanoTime();
        run(spark, both, out, quiet, onSpark);
        long t2 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9};
    }

    private static void run(SparkSession spark, Path config, Path out, StageContext quiet, boolean onSpark) {
        Stage.Status status = onSpark ? new SparkPipeline(spark, config, out, TaskHook.NONE).run(quiet, false)
                : new Pipeline(RunConfig.read(config, out)).run(quiet, false);
        if (status != Stage.Status.DONE) throw new IllegalStateException(config + " did not finish");
    }

    private static Path config(Path dir, String name, BenchFixtureServer server, String stages, Path prompts, int count, int n, int partitions)
            throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), """
                stages: %s
                %s
                model:
                  backend: %s
                  model: bench
                  concurrency: 64
                synth:
                  count: %d
                sample:
                  n: %d
                  max_tokens: 64
                spark:
                  partitions: %d
                """.formatted(stages, prompts == null ? "" : "prompts: " + prompts, server.url(), Math.max(count, 1), n, Math.max(partitions, 1)));
    }
}
