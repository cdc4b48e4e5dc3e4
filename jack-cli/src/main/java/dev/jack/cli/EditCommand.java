package dev.jack.cli;

import dev.jack.core.curate.MinimalEdits;
import dev.jack.core.curate.Reward;
import dev.jack.core.data.PairFormat;
import dev.jack.core.text.Thinking;
import dev.jack.pipeline.stage.EditStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code jack curate edit}: {@link EditStage}. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Verified minimal-edit pairs: a sampled response and a copy edited to break one constraint it followed (or repair the one it failed).",
                "Every pair is checked: the chosen response follows every constraint, the rejected one fails exactly the named constraint.",
                "Prompts whose samples all scored the same give pairs too."})
final class EditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    CurateCommand curate;

    @Option(names = "--prompts", required = true, paramLabel = "FILE", description = "Prompts in IFEval's input format (the constraints and their kwargs).")
    Path prompts;

    @Option(names = "--scored", required = true, paramLabel = "FILE", description = "Rows from jack score (or jack sample: responses are checked again).")
    Path scored;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Pairs (prompt, chosen, rejected, the edit, and metadata).")
    Path out;

    @Option(names = "--mode", defaultValue = "both", description = "break (from responses that follow every constraint), repair (from those that fail "
            + "exactly one), or both (default: ${DEFAULT-VALUE}).")
    MinimalEdits.Mode mode;

    @Option(names = "--max-pairs", defaultValue = "1", description = "Pairs per prompt at most, each from another response (default: ${DEFAULT-VALUE}).")
    int maxPairs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for which constraint is tried first (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--reward", defaultValue = "strict", description = "strict, loose or mean: the rewards written (with loose, the rejected response "
            + "must also fail loose checking) (default: ${DEFAULT-VALUE}).")
    Reward reward;

    @Option(names = "--all-or-nothing", description = "Rewards 1 only when every constraint is followed, else 0.")
    boolean allOrNothing;

    @Option(names = "--format", defaultValue = "strings", description = "strings, or messages (chat turns; the prompt holds the system turn of samples drawn with --system) (default: ${DEFAULT-VALUE}).")
    PairFormat format;

    @Option(names = "--parquet", description = "Also write the pairs as Parquet beside OUT (.jsonl becomes .parquet).")
    boolean parquet;

    @Option(names = "--punkt-dir", paramLabel = "DIR", description = "NLTK punkt_tab folder (the one holding english/). Default: $JACK_PUNKT_DIR, else Jack's own copy.")
    Path punktDir;

    @Option(names = "--thinking", defaultValue = "strip", description = "strip: check and edit the final answer (a reasoning model's leading <think>...</think> block removed) and write the answers as chosen and rejected; keep: the whole responses, reasoning_content put back in front (default: ${DEFAULT-VALUE}).")
    Thinking thinking;

    @Option(names = "--allow-truncated", description = "Also edit responses cut off at --max-tokens (finish_reason length), with an empty answer, or with control-token text; by default they are left out (the pair's chosen text would carry the flaw), and the stats count them.")
    boolean allowTruncated;

    @Override
    public Integer call() {
        EditStage.Options options = new EditStage.Options(mode, maxPairs, seed, reward, allOrNothing, format, parquet, punktDir, thinking, allowTruncated);
        return curate.main.run(spec, new EditStage(prompts, scored, out, options));
    }
}
