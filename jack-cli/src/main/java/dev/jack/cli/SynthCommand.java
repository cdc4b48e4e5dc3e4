package dev.jack.cli;

import dev.jack.core.OptionException;
import dev.jack.core.synth.Difficulty;
import dev.jack.core.synth.DifficultyThresholds;
import dev.jack.pipeline.IntRange;
import dev.jack.pipeline.stage.SynthStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code jack synth}: {@link SynthStage}. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Synthesizes unique prompts: a base task plus compatible constraints, in IFEval's input format.",
                "Every prompt comes with a witness response that passes all its constraints under the strict checker."})
final class SynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--count", required = true, description = "How many prompts (over all splits).")
    int count;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}). Same seed and options, same bytes.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output JSONL (with --split, FILE gets .train/.test before its extension).")
    Path out;

    @Option(names = "--witnesses", paramLabel = "FILE", description = "Also write the witnesses as a response file ({key, prompt, response}).")
    Path witnesses;

    @Option(names = "--stats", paramLabel = "FILE", description = "Statistics JSON (default: next to --out, ending .stats.json).")
    Path statsFile;

    @Option(names = "--constraints", defaultValue = "1-6", paramLabel = "MIN-MAX", description = "Constraints per prompt (default: ${DEFAULT-VALUE}).")
    IntRange constraints;

    @Option(names = "--difficulty", defaultValue = "mixed", description = "easy, moderate, hard, or mixed (default: ${DEFAULT-VALUE}).")
    Difficulty difficulty;

    @Option(names = "--hardness", paramLabel = "FILE",
            description = "JSON object: constraint id -> hardness in [0,1], or -> {\"pass_rate\": p} from measured responses; or jack score's FILE.pass_rates.jsonl.")
    Path hardnessFile;

    @Option(names = "--difficulty-thresholds", paramLabel = "HARD,EASY",
            description = "Measure each prompt's tier instead of drawing it: its predicted pass rate (the product of its constraints' pass rates, "
                    + "1 - hardness) below HARD is hard, at least EASY easy, else moderate; with --difficulty easy|moderate|hard, other prompts are dropped.")
    DifficultyThresholds thresholds;

    @Mixin
    DecontaminateFlags decontaminate;

    @Option(names = "--tasks", paramLabel = "FILE", description = "Your own base tasks: text (one per line) or JSONL. Default: Jack's corpus.")
    Path tasksFile;

    @Option(names = "--task-field", defaultValue = "prompt", description = "JSONL field holding the task (default: ${DEFAULT-VALUE}).")
    String taskField;

    @Option(names = "--split", paramLabel = "train,test", description = "Write a train and a test split with disjoint base tasks.")
    String split;

    @Option(names = "--test-fraction", defaultValue = "0.1", description = "Share of base tasks (and prompts) in the test split (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--holdout-pairs", defaultValue = "0", description = "Share of allowed constraint pairs kept out of the train split (default: ${DEFAULT-VALUE}).")
    double holdoutPairs;

    @Option(names = "--catalog", defaultValue = SynthStage.Options.DEFAULT_CATALOG, paramLabel = "CATALOG",
            description = "Where the constraints come from: ifeval, ifbench, ifevalg, all, or a catalog of your own (default: ${DEFAULT-VALUE}).")
    String catalog;

    @Option(names = "--holdout-catalog", paramLabel = "CATALOG",
            description = "Keep this catalog's constraints out of training data: out of the train split (the test split draws from them too), or without --split out of the output. E.g. ifbench.")
    String holdoutCatalog;

    @Option(names = "--punkt-dir", paramLabel = "DIR", description = "NLTK punkt_tab folder (the one holding english/). Default: $JACK_PUNKT_DIR, else Jack's own copy.")
    Path punktDir;

    @Option(names = "--threads", description = "Worker threads (default: all cores). The output does not depend on it.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
        if (split != null && !split.equals("train,test")) throw new OptionException("split", "expected train,test, got \"" + split + "\"");
        if (threads < 1) throw new OptionException("threads", "must be at least 1, got " + threads);
        SynthStage.Options options = new SynthStage.Options(count, seed, constraints, difficulty, hardnessFile, tasksFile, taskField, split != null,
                testFraction, holdoutPairs, punktDir, decontaminate.options(), thresholds, catalog, holdoutCatalog);
        return main.run(spec, new SynthStage(out, witnesses, statsFile, options, threads));
    }
}
