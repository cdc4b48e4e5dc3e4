package dev.jack.cli;

import dev.jack.core.data.Decontamination;
import dev.jack.pipeline.stage.Decontaminate;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The decontamination flags {@code jack synth} and {@code jack ablate} share ({@link Decontaminate}). */
final class DecontaminateFlags {
    @Option(names = "--decontaminate", paramLabel = "SET",
            description = "Drop prompts that overlap these evaluation prompts: ifeval (IFEval's 541, from Jack's cache), ifbench (IFBench's 300, "
                    + "when in Jack's cache) or a file (JSONL with a prompt field, or one prompt per line). Repeat for several.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--decontaminate-ngram", defaultValue = "" + Decontamination.DEFAULT_NGRAM,
            description = "Word n-gram length of the overlap test (default: ${DEFAULT-VALUE}).")
    int ngram;

    @Option(names = "--decontaminate-share", defaultValue = "" + Decontamination.DEFAULT_SHARE,
            description = "A prompt overlaps an evaluation prompt when it holds at least this share of that prompt's n-grams; a base task "
                    + "overlaps with any shared n-gram (default: ${DEFAULT-VALUE}).")
    double share;

    Decontaminate options() {
        return new Decontaminate(sets, ngram, share);
    }
}
