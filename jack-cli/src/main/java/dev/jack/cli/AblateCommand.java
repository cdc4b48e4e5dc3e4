package dev.jack.cli;

import dev.jack.core.data.PairFormat;
import dev.jack.core.synth.DifficultyThresholds;
import dev.jack.core.text.Thinking;
import dev.jack.pipeline.stage.AblateStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code jack ablate}: {@link AblateStage}. */
@Command(name = "ablate", mixinStandardHelpOptions = true,
        description = {"Writes the study's dataset variants from one run, as matched comparisons that change one thing each:",
                "contrast (high/low/mixed), quality (chosen perfect or only better), shared prefix, measured difficulty, and RS against MCTS at equal tokens."})
final class AblateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--scored", required = true, paramLabel = "FILE", description = "Scored samples (jack score) for the rejection-sampling variants.")
    Path scored;

    @Option(names = "--mcts", paramLabel = "FILE", description = "Pairs from jack curate mcts, for the prefix and budget comparisons (its journal beside it gives every prompt's cost).")
    Path mcts;

    @Option(names = "--prompts", paramLabel = "FILE", description = "Prompts with a difficulty field (jack synth), for --difficulty-by prior.")
    Path prompts;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "Where the variants and ablations.json go.")
    Path outDir;

    @Option(names = "--max-pairs", defaultValue = "1", description = "Rejection-sampling pairs per prompt at most (default: ${DEFAULT-VALUE}).")
    int maxPairs;

    @Option(names = "--min-gap", defaultValue = "0", description = "Smallest reward gap (default: ${DEFAULT-VALUE}).")
    double minGap;

    @Option(names = "--high-share", defaultValue = "0.5", description = "Share of high-contrast prompts in the mixed variant (default: ${DEFAULT-VALUE}).")
    double highShare;

    @Option(names = "--gap-bin", defaultValue = "" + AblateStage.Options.DEFAULT_GAP_BIN,
            description = "Width of the reward-gap bins that matched arms hold equal counts in (default: ${DEFAULT-VALUE}).")
    double gapBin;

    @Option(names = "--prefix-control", defaultValue = "depth0",
            description = "The no-prefix arm: depth0 (the same searches' depth-0 pairs) or rs (high-contrast rejection sampling) (default: ${DEFAULT-VALUE}).")
    AblateStage.PrefixControl prefixControl;

    @Option(names = "--match-length", description = "Keep only pairs whose two responses have similar lengths (see --length-tolerance) in every comparison.")
    boolean matchLength;

    @Option(names = "--length-tolerance", defaultValue = "" + AblateStage.Options.DEFAULT_LENGTH_TOLERANCE,
            description = "With --match-length: the largest length difference, as a share of the longer response (default: ${DEFAULT-VALUE}).")
    double lengthTolerance;

    @Option(names = "--difficulty-by", defaultValue = "measured",
            description = "measured (each prompt's pass@1 over its samples) or prior (jack synth's tier, from --prompts) (default: ${DEFAULT-VALUE}).")
    AblateStage.DifficultyBy difficultyBy;

    @Option(names = "--difficulty-thresholds", defaultValue = "0.3,0.7", paramLabel = "HARD,EASY",
            description = "Measured tiers: pass@1 below HARD is hard, at least EASY easy, else moderate (default: ${DEFAULT-VALUE}).")
    DifficultyThresholds thresholds;

    @Option(names = "--budget", paramLabel = "TOKENS",
            description = "Compare RS and MCTS at the same generated tokens per prompt, at most TOKENS (needs --mcts).")
    Long budget;

    @Mixin
    DecontaminateFlags decontaminate;

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
        AblateStage.Options options = new AblateStage.Options(
                AblateStage.Options.pairing(maxPairs, minGap, highShare, seed, format, parquet, thinking, allowTruncated), gapBin,
                prefixControl, matchLength, lengthTolerance, difficultyBy, thresholds, budget, decontaminate.options());
        return main.run(spec, new AblateStage(scored, mcts, prompts, outDir, options));
    }
}
