package dev.jack.cli;

import dev.jack.core.curate.RejectionSampling;
import dev.jack.core.data.PairFormat;
import dev.jack.core.text.Thinking;
import dev.jack.pipeline.stage.RsStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code jack curate rs}: {@link RsStage}. */
@Command(name = "rs", mixinStandardHelpOptions = true,
        description = "Rejection sampling: pairs from scored samples with a declared contrast, in TRL's preference format.")
final class RsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    CurateCommand curate;

    @Mixin
    ModelFlags judge;

    @Option(names = "--scored", required = true, paramLabel = "FILE", description = "Rows from jack score.")
    Path scored;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Pairs (prompt, chosen, rejected and metadata).")
    Path out;

    @Option(names = "--contrast", defaultValue = "high", description = "high (best vs worst), low (adjacent rewards) or mixed (default: ${DEFAULT-VALUE}).")
    RejectionSampling.Contrast contrast;

    @Option(names = "--high-share", defaultValue = "0.5", description = "With mixed: share of prompts paired with high contrast (default: ${DEFAULT-VALUE}).")
    double highShare;

    @Option(names = "--min-gap", defaultValue = "0", description = "Smallest reward gap a pair may have (pairs never tie) (default: ${DEFAULT-VALUE}).")
    double minGap;

    @Option(names = "--max-pairs", defaultValue = "1", description = "Pairs per prompt at most (default: ${DEFAULT-VALUE}).")
    int maxPairs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for choices among equals (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", defaultValue = "strings", description = "strings, or messages (chat turns; the prompt holds the system turn of samples drawn with --system) (default: ${DEFAULT-VALUE}).")
    PairFormat format;

    @Option(names = "--parquet", description = "Also write the pairs as Parquet beside OUT (.jsonl becomes .parquet).")
    boolean parquet;

    @Option(names = "--quality-floor", description = "With a judge (--backend, --model): drop pairs whose chosen response the judge scores below this (1-10).")
    Double qualityFloor;

    @Option(names = "--thinking", defaultValue = "strip", description = "What chosen and rejected hold of a reasoning model's thinking, both alike: strip (the answers only) or keep (the <think>...</think> block, reasoning_content put back in front) (default: ${DEFAULT-VALUE}).")
    Thinking thinking;

    @Option(names = "--allow-truncated", description = "Let responses cut off at --max-tokens (finish_reason length), with an empty answer, or with control-token text be chosen; by default they are only ever rejected, and the stats count them.")
    boolean allowTruncated;

    @Override
    public Integer call() {
        RsStage.Options options = new RsStage.Options(contrast, highShare, minGap, maxPairs, seed, format, parquet, qualityFloor, thinking,
                allowTruncated);
        return curate.main.run(spec, new RsStage(scored, out, options, judge.options()));
    }
}
