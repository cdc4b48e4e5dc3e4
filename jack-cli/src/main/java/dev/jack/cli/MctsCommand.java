package dev.jack.cli;

import dev.jack.core.curate.Reward;
import dev.jack.core.data.PairFormat;
import dev.jack.core.text.Thinking;
import dev.jack.pipeline.IntRange;
import dev.jack.pipeline.stage.MctsStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code jack curate mcts}: {@link MctsStage}. */
@Command(name = "mcts", mixinStandardHelpOptions = true,
        description = {"Monte Carlo Tree Search: pairs whose responses share a prefix and diverge at one step, in TRL's preference format.",
                "Continuations extend a partial assistant reply under the model's own chat template; the verifier gives each rollout its reward."})
final class MctsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    CurateCommand curate;

    @Mixin
    ModelFlags model;

    @Option(names = "--prompts", required = true, paramLabel = "FILE", description = "Prompts in IFEval's input format (jack synth writes them).")
    Path prompts;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Pairs (prompt, chosen, rejected and metadata).")
    Path out;

    @Option(names = "--preset", defaultValue = "default", description = "default (k=4, 6 at the root, S_root=16, S=8, D=4) or lean (k=3, 8/4, D=3) (default: ${DEFAULT-VALUE}).")
    MctsStage.Preset preset;

    @Option(names = "--k", description = "Continuations per expansion (overrides the preset).")
    Integer k;

    @Option(names = "--k-root", description = "Continuations when expanding the root (overrides the preset).")
    Integer kRoot;

    @Option(names = "--simulations-root", description = "Simulations at the first root (overrides the preset).")
    Integer simulationsRoot;

    @Option(names = "--simulations", description = "Simulations at each later root (overrides the preset).")
    Integer simulations;

    @Option(names = "--depth", description = "Branching levels D (overrides the preset).")
    Integer depth;

    @Option(names = "--exploration", defaultValue = "1.0", description = "PUCT exploration constant c (default: ${DEFAULT-VALUE}).")
    double exploration;

    @Option(names = "--prior", defaultValue = "uniform", description = "uniform, or logprob (softmax of the steps' mean token logprobs) (default: ${DEFAULT-VALUE}).")
    MctsStage.Prior prior;

    @Option(names = "--min-q-gap", defaultValue = "0.1", description = "Smallest Q gap between a shared-prefix pair's children (default: ${DEFAULT-VALUE}). The depth-0 pair skips it and the two-visits rule: like a rejection-sampling pair, it only needs different rewards.")
    double minQGap;

    @Option(names = "--max-pairs", defaultValue = "4", description = "Shared-prefix pairs per prompt at most; the depth-0 pair comes on top (default: ${DEFAULT-VALUE}).")
    int maxPairs;

    @Option(names = "--step-tokens", defaultValue = "16-128", description = "Token window of a step, MIN-MAX (default: ${DEFAULT-VALUE}).")
    IntRange stepTokens;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--top-p", description = "Nucleus sampling.")
    Double topP;

    @Option(names = "--max-tokens", defaultValue = "512", description = "Tokens per continuation (a rollout runs to the end of the response) (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--reward", defaultValue = "strict", description = "strict, loose or mean (default: ${DEFAULT-VALUE}).")
    Reward reward;

    @Option(names = "--all-or-nothing", description = "Reward 1 only when every constraint is followed, else 0.")
    boolean allOrNothing;

    @Option(names = "--seed", defaultValue = "1", description = "Base seed; each prompt's search gets its own (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--parallel-prompts", defaultValue = "4", description = "Prompts searched at once (default: ${DEFAULT-VALUE}).")
    int parallelPrompts;

    @Option(names = "--limit", description = "Search only the first N prompts (tree search costs more calls per prompt than sampling).")
    Integer limit;

    @Option(names = "--parquet", description = "Also write the pairs as Parquet beside OUT (.jsonl becomes .parquet).")
    boolean parquet;

    @Option(names = "--format", defaultValue = "strings", description = "strings, or messages (chat turns) (default: ${DEFAULT-VALUE}).")
    PairFormat format;

    @Option(names = "--punkt-dir", paramLabel = "DIR", description = "NLTK punkt_tab folder (the one holding english/). Default: $JACK_PUNKT_DIR, else Jack's own copy.")
    Path punktDir;

    @Option(names = "--thinking", defaultValue = "strip", description = "strip: score rollouts on the final answer (a reasoning model's leading <think>...</think> block removed) and write the answers as chosen and rejected; keep: the whole responses (default: ${DEFAULT-VALUE}).")
    Thinking thinking;

    @Option(names = "--allow-truncated", description = "Let responses cut off at --max-tokens (finish_reason length), with an empty answer, or with control-token text be chosen; by default they are only ever rejected, and the stats count them.")
    boolean allowTruncated;

    @Override
    public Integer call() {
        MctsStage.Options options = new MctsStage.Options(preset, k, kRoot, simulationsRoot, simulations, depth, exploration, prior, minQGap,
                maxPairs, stepTokens, temperature, topP, maxTokens, reward, allOrNothing, seed, limit, format, parquet, punktDir, thinking,
                allowTruncated);
        return curate.main.run(spec, new MctsStage(prompts, out, options, model.options(), parallelPrompts));
    }
}
