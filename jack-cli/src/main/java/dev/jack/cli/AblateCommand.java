package dev.jack.cli;

import dev.jack.core.data.PairFormat;
import dev.jack.core.text.Thinking;
import dev.jack.pipeline.stage.AblateStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code jack ablate}: {@link AblateStage}. */
@Command(name = "ablate", mixinStandardHelpOptions = true,
        description = "Writes the study's dataset variants from one run: contrast high/low/mixed, with and without shared prefixes, difficulty tiers.")
final class AblateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--scored", required = true, paramLabel = "FILE", description = "Scored samples (jack score) for the rejection-sampling variants.")
    Path scored;

    @Option(names = "--mcts", paramLabel = "FILE", description = "Pairs from jack curate mcts, for the shared-prefix variant.")
    Path mcts;

    @Option(names = "--prompts", paramLabel = "FILE", description = "Prompts with a difficulty field (jack synth) for the tier variants.")
    Path prompts;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "Where the variants and ablations.json go.")
    Path outDir;

    @Option(names = "--max-pairs", defaultValue = "1", description = "Rejection-sampling pairs per prompt at most (default: ${DEFAULT-VALUE}).")
    int maxPairs;

    @Option(names = "--min-gap", defaultValue = "0", description = "Smallest reward gap (default: ${DEFAULT-VALUE}).")
    double minGap;

    @Option(names = "--high-share", defaultValue = "0.5", description = "Share of high-contrast prompts in the mixed variant (default: ${DEFAULT-VALUE}).")
    double highShare;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for every choice among equals (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--parquet", description = "Also write each variant as Parquet.")
    boolean parquet;

    @Option(names = "--format", defaultValue = "strings", description = "strings, or messages (chat turns; the prompt holds the system turn of samples drawn with --system) (default: ${DEFAULT-VALUE}).")
    PairFormat format;

    @Option(names = "--thinking", defaultValue = "strip", description = "What chosen and rejected hold of a reasoning model's thinking: strip (the answers only) or keep (default: ${DEFAULT-VALUE}).")
    Thinking thinking;

    @Option(names = "--allow-truncated", description = "Let responses cut off at --max-tokens (finish_reason length), with an empty answer, or with control-token text be chosen; by default they are only ever rejected, and the stats count them.")
    boolean allowTruncated;

    @Override
    public Integer call() {
        AblateStage.Options options = AblateStage.Options.of(maxPairs, minGap, highShare, seed, format, parquet, thinking, allowTruncated);
        return main.run(spec, new AblateStage(scored, mcts, prompts, outDir, options));
    }
}
