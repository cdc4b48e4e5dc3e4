package dev.jack.cli;

import dev.jack.core.synth.DifficultyThresholds;
import dev.jack.pipeline.stage.ReportStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jack report}: {@link ReportStage}. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes one self-contained HTML report: rewards, pass rates, contrast, shared prefixes, pairs by difficulty (prior and measured), costs, "
                + "the matched ablations, and sample pairs with the spans behind each verdict.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "Pairs from jack curate rs or mcts (repeat for several runs); FILE.stats.json is read when present.")
    List<Path> pairs;

    @Option(names = "--scored", paramLabel = "FILE", description = "Scored samples from jack score: reward distribution and per-constraint pass rates.")
    Path scored;

    @Option(names = "--prompts", paramLabel = "FILE", description = "The prompts (from jack synth): pairs per prompt by difficulty tier, and each shown pair's constraint checks.")
    Path prompts;

    @Option(names = "--ablations", paramLabel = "FILE", description = "jack ablate's ablations.json: the matched comparisons, what each holds fixed and how its variants differ.")
    Path ablations;

    @Option(names = "--difficulty-thresholds", defaultValue = "0.3,0.7", paramLabel = "HARD,EASY",
            description = "Measured tiers from --scored: pass@1 below HARD is hard, at least EASY easy, else moderate (default: ${DEFAULT-VALUE}).")
    DifficultyThresholds thresholds;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path out;

    @Option(names = "--sample", defaultValue = "40", description = "Pairs to include for browsing (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for choosing the sample (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--punkt-dir", paramLabel = "DIR", description = "NLTK punkt_tab folder (the one holding english/). Default: $JACK_PUNKT_DIR, else Jack's own copy.")
    Path punktDir;

    @Override
    public Integer call() {
        return main.run(spec, new ReportStage(pairs, scored, prompts, ablations, out, new ReportStage.Options(sample, seed, punktDir, thresholds)));
    }
}
