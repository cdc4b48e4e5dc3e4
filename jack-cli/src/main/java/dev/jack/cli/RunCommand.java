package dev.jack.cli;

import dev.jack.pipeline.Pipeline;
import dev.jack.pipeline.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
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

    @Override
    public Integer call() {
        Pipeline pipeline = new Pipeline(RunConfig.read(config, outDir));
        return Main.exitCode(pipeline.run(main.context(spec), force));
    }
}
