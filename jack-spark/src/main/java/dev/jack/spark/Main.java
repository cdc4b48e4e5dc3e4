package dev.jack.spark;

import dev.jack.core.UserException;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * jack-spark's entry point for {@code spark-submit}:
 * {@code spark-submit --class dev.jack.spark.Main jack-spark.jar run --config C [--out-dir D] [--force]}. The master,
 * executors and their settings come from spark-submit. The config may be a local file or on any Hadoop file system
 * ({@code hdfs://.../run.yaml}). Exit codes as Jack's: 0 done, 2 bad input (one line naming it), 3 incomplete.
 */
@Command(name = "jack-spark", mixinStandardHelpOptions = true, subcommands = {Main.Run.class, Main.Bench.class},
        description = "Jack's pipeline on a Spark cluster (see the README, \"On a Spark cluster\").")
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main()).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof UserException u) {
                err.println("jack: error: " + u.getMessage());
                return 2;
            }
            throw e;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("jack: error: " + e.getMessage());
            return 2;
        });
        return cli.execute(args);
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Runs the pipeline of a jack run config on this Spark application.")
    static final class Run implements Callable<Integer> {
        @Option(names = "--config", required = true, paramLabel = "FILE|URI", description = "The run config (a local file or a Hadoop file system URI).")
        String config;

        @Option(names = "--out-dir", paramLabel = "DIR", description = "Overrides the config's out_dir and spark.out_dir.")
        Path outDir;

        @Option(names = "--force", description = "Run every stage again, even those already finished.")
        boolean force;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SparkSession spark = SparkSession.builder().appName("jack run").getOrCreate();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                Path file = local(spark, config);
                Stage.Status status = new SparkPipeline(spark, file, outDir, TaskHook.NONE)
                        .run(new StageContext(System.getenv(), out, err, false), force);
                return status == Stage.Status.DONE ? 0 : 3;
            } finally {
                spark.stop();
            }
        }

        /** The config as a local file: itself, or a copy of it from a Hadoop file system (named as the original). */
        private static Path local(SparkSession spark, String config) throws IOException {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(config);
            String scheme = p.toUri().getScheme();
            if (scheme == null || scheme.equals("file")) return Path.of(p.toUri().getPath());
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(p)) throw new UserException(config + ": no such config file");
            Path copy = Files.createTempDirectory("jack-config").resolve(p.getName());
            try (InputStream in = fs.open(p)) {
                Files.copy(in, copy);
            }
            return copy;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Rows per second of sample (against a local fixture server) and score on this Spark application, by partitions, "
                    + "and in one process. A benchmark: run it alone on the machine.")
    static final class Bench implements Callable<Integer> {
        @Option(names = "--prompts", defaultValue = "2000", description = "Prompts to synthesize (default: ${DEFAULT-VALUE}).")
        int prompts;

        @Option(names = "--n", defaultValue = "4", description = "Samples per prompt (default: ${DEFAULT-VALUE}).")
        int n;

        @Option(names = "--partitions", split = ",", defaultValue = "2,4,8", description = "Partition counts to measure (default: ${DEFAULT-VALUE}).")
        List<Integer> partitions;

        @Option(names = "--master", description = "Spark master when spark-submit gives none (default: local[2]).")
        String master;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SparkSession.Builder builder = SparkSession.builder().appName("jack-spark bench");
            if (master != null) builder.master(SparkRunner.withRetries(master));
            else if (!new org.apache.spark.SparkConf().contains("spark.master")) builder.master(SparkRunner.withRetries("local[2]"));
            SparkSession spark = builder.getOrCreate();
            try {
                SparkBench.run(spark, prompts, n, partitions, spec.commandLine().getOut());
                return 0;
            } finally {
                spark.stop();
            }
        }
    }
}
