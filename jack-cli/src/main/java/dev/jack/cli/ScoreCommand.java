package dev.jack.cli;

import dev.jack.core.curate.Reward;
import dev.jack.core.text.Thinking;
import dev.jack.pipeline.stage.ScoreStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code jack score}: {@link ScoreStage}. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Scores sampled responses with the constraint checkers: per-constraint strict and loose verdicts and a reward.")
final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--prompts", paramLabel = "FILE",
            description = "Prompts in IFEval's input format; with --labels-field, rows whose label field holds the labels (by key). Required unless the samples carry their labels.")
    Path prompts;

    @Option(names = "--samples", required = true, paramLabel = "FILE", description = "Rows from jack sample (key, sample_index, response, ...).")
    Path samples;

    @Option(names = "--reward", defaultValue = "strict", description = "strict, loose or mean of the two (default: ${DEFAULT-VALUE}).")
    Reward reward;

    @Option(names = "--all-or-nothing", description = "Reward 1 only when every constraint is followed, else 0.")
    boolean allOrNothing;

    @Option(names = "--thinking", defaultValue = "strip", description = "strip: check the final answer only (a reasoning model's leading <think>...</think> block removed); keep: check the whole response, reasoning_content put back in front (default: ${DEFAULT-VALUE}).")
    Thinking thinking;

    @Option(names = "--verifier", defaultValue = "ifeval",
            description = "ifeval (IFEval's strict and loose verification) or ifevalg (open-instruct's IFEvalVerifier: <think>/<answer> wrappers removed, each constraint alone, reward = share followed) (default: ${DEFAULT-VALUE}).")
    ScoreStage.Verification verifier;

    @Option(names = "--labels-field", paramLabel = "FIELD",
            description = "Take each sample's constraints from open-instruct's label in this field (e.g. ground_truth) of the sample row, else of its prompt row.")
    String labelsField;

    @Option(names = "--punkt-dir", paramLabel = "DIR", description = "NLTK punkt_tab folder (the one holding english/). Default: $JACK_PUNKT_DIR, else Jack's own copy.")
    Path punktDir;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The sample rows with strict, loose, reward_strict, reward_loose and reward; each prompt's pass@1 and pass@n go to FILE.pass_rates.jsonl (.jsonl replaced).")
    Path out;

    @Option(names = "--spans", description = "Also give each row spans: per constraint, the stretches of the checked text (the answer, with --thinking strip) that decide its verdict (code point offsets).")
    boolean spans;

    @Override
    public Integer call() {
        return main.run(spec, new ScoreStage(prompts, samples, out, new ScoreStage.Options(reward, allOrNothing, thinking, punktDir, spans, verifier,
                labelsField)));
    }
}
