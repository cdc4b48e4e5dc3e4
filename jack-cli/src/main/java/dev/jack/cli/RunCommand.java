package dev.jack.cli;

import dev.jack.core.UserException;
import dev.jack.pipeline.ClusterRunner;
import dev.jack.pipeline.Pipeline;
import dev.jack.pipeline.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/** {@code jack run}: {@link Pipeline} from a {@link RunConfig}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline from one config file: synth, sample, score, curate rs, edit and mcts, ablate, report (and the judge stages: guard_prompts, guard_pairs, critiques).",
                "The config is checked before any stage runs. Rerun after an interruption: finished stages are skipped and interrupted ones resume."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Run config, YAML or JSON (see the README for the schema).")
    Path config;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Overrides the config's out_dir.")
    Path outDir;

    @Option(names = "--force", description = "Run every stage again, even those already finished.")
    boolean force;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Runs the pipeline on Apache Spark (local[2], spark://HOST:7077, yarn, ...) "
            + "with the config's spark section; needs the jack-spark module, which ./jack adds to the class path when it sees this flag.")
    String spark;

    @Override
    public Integer call() {
        RunConfig run = RunConfig.read(config, outDir);
        if (spark != null) return Main.exitCode(runner("spark").run(config, outDir, spark, main.context(spec), force));
        return Main.exitCode(new Pipeline(run).run(main.context(spec), force));
    }

    /** The cluster engine's runner, found on the class path (jack-spark registers one). */
    private static ClusterRunner runner(String engine) {
        for (ClusterRunner r : ServiceLoader.load(ClusterRunner.class)) if (r.engine().equals(engine)) return r;
        throw new UserException("--" + engine + " needs the jack-" + engine + " module on the class path: run Jack through ./jack, which builds "
                + "and adds it, or use spark-submit with jack-spark's jar (see the README, \"On a Spark cluster\")");
    }
}
