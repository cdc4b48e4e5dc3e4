package dev.jack.cli;

import dev.jack.core.curate.Mcts;
import dev.jack.core.curate.Reward;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.Journal;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.Verdicts;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.json.Json;
import dev.jack.core.json.PyJson;
import dev.jack.core.text.TextTools;
import dev.jack.llm.Backend;
import dev.jack.llm.EmbeddedBackend;
import dev.jack.llm.GenerationException;
import dev.jack.llm.GenerationRequest;
import dev.jack.llm.GenerationResult;
import dev.jack.llm.OpenAiBackend;
import dev.jack.llm.Prompt;
import dev.jack.llm.SampleRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code jack curate mcts}: tree search per prompt for pairs that share a prefix. Each finished prompt is one
 * journal line ({@code OUT.journal.jsonl}), so a killed run resumes where it stopped; when all prompts are done
 * the pairs are written in prompt order to OUT, with the run's costs in {@code OUT.stats.json}.
 */
@Command(name = "mcts", mixinStandardHelpOptions = true,
        description = {"Monte Carlo Tree Search: pairs whose responses share a prefix and diverge at one step, in TRL's preference format.",
                "Continuations are raw-prefix completions with the Llama 3 chat template applied; the verifier gives each rollout its reward."})
final class MctsCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    CurateCommand.Curate curate;

    @Mixin
    BackendOptions server;

    @Option(names = "--prompts", required = true, paramLabel = "FILE", description = "Prompts in IFEval's input format (jack synth writes them).")
    Path prompts;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Pairs (prompt, chosen, rejected and metadata).")
    Path out;

    @Option(names = "--preset", defaultValue = "default", description = "default (k=4, 6 at the root, S_root=16, S=8, D=4) or lean (k=3, 8/4, D=3) (default: ${DEFAULT-VALUE}).")
    String preset;

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
    String prior;

    @Option(names = "--min-q-gap", defaultValue = "0.1", description = "Smallest Q gap between a pair's children (default: ${DEFAULT-VALUE}).")
    double minQGap;

    @Option(names = "--max-pairs", defaultValue = "4", description = "Shared-prefix pairs per prompt at most; the depth-0 pair comes on top (default: ${DEFAULT-VALUE}).")
    int maxPairs;

    @Option(names = "--step-tokens", defaultValue = "16-128", description = "Token window of a step, MIN-MAX (default: ${DEFAULT-VALUE}).")
    String stepTokens;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--top-p", description = "Nucleus sampling.")
    Double topP;

    @Option(names = "--max-tokens", defaultValue = "512", description = "Tokens per continuation (a rollout runs to the end of the response) (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--reward", defaultValue = "strict", description = "strict, loose or mean (default: ${DEFAULT-VALUE}).")
    String reward;

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
    String format;

    @Option(names = "--punkt-dir", paramLabel = "DIR", description = "NLTK punkt_tab folder (see jack eval).")
    Path punktDir;

    /** What one prompt's search left in the journal. */
    private record Searched(long key, List<Map<String, Object>> pairs, int calls, long generatedTokens, int nodes) {}

    @Override
    public Integer call() {
        Mcts.Settings settings = settings();
        Reward kind = CurateCommand.reward(reward);
        CurateCommand.checkFormat(format);
        if (parallelPrompts < 1) throw new UserException("--parallel-prompts must be at least 1");
        if (limit != null && limit < 1) throw new UserException("--limit must be at least 1");
        List<IfevalPrompt> read = IfevalPrompt.readAll(prompts);
        List<IfevalPrompt> all = limit == null ? read : read.subList(0, Math.min(limit, read.size()));
        Verifier verifier = new Verifier(new TextTools(() -> curate.main.data().punktEnglish(punktDir)));
        PrintWriter err = spec.commandLine().getErr();
        Path journalPath = out.resolveSibling(out.getFileName() + ".journal.jsonl");
        Map<String, Object> fingerprint = fingerprint(settings);
        Map<Long, Searched> done = new HashMap<>();
        List<String> failures = new ArrayList<>();
        try (Backend backend = server.open(OpenAiBackend.Endpoint.COMPLETIONS, curate.main.env(), err);
             Journal journal = Journal.open(journalPath)) {
            readJournal(journal, fingerprint, done);
            List<IfevalPrompt> toDo = all.stream().filter(p -> !done.containsKey(p.key())).toList();
            ProgressBar bar = new ProgressBar(err, System.console() != null);
            AtomicLong finished = new AtomicLong();
            Semaphore slots = new Semaphore(parallelPrompts);
            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (IfevalPrompt p : toDo) {
                    slots.acquireUninterruptibly();
                    threads.submit(() -> {
                        try {
                            Searched s = search(backend, verifier, kind, settings, p);
                            journal.append(PyJson.dumps(journalRow(s, fingerprint)));
                            synchronized (done) {
                                done.put(p.key(), s);
                            }
                        } catch (CompletionException | GenerationException | IllegalStateException e) {
                            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                            synchronized (failures) {
                                failures.add("key " + p.key() + ": " + cause.getMessage());
                            }
                        } finally {
                            slots.release();
                            bar.update(finished.incrementAndGet(), toDo.size(), 0, failures.size());
                        }
                    });
                }
            }
            bar.finish();
            if (backend instanceof EmbeddedBackend engine) {
                // Printed, not stored: it depends on what this process happened to have cached.
                err.println("jack: prompt tokens taken from the engine's prefix cache in this process: " + engine.reusedPromptTokens());
            }
        }
        PrintWriter console = spec.commandLine().getOut();
        if (!failures.isEmpty()) {
            failures.sort(null);
            failures.forEach(f -> err.println("jack: failed: " + f));
            console.printf("%d of %d prompts failed; the %d done are kept in %s (rerun the same command to retry)%n",
                    failures.size(), all.size(), done.size(), journalPath);
            return 3;
        }
        writeOutputs(all, done, settings);
        return 0;
    }

    private Mcts.Settings settings() {
        Mcts.Settings base = switch (preset) {
            case "default" -> Mcts.Settings.DEFAULT;
            case "lean" -> Mcts.Settings.LEAN;
            default -> throw new UserException("--preset must be default or lean");
        };
        if (!prior.equals("uniform") && !prior.equals("logprob")) throw new UserException("--prior must be uniform or logprob");
        String[] window = stepTokens.split("-");
        try {
            if (window.length != 2) throw new NumberFormatException();
            return new Mcts.Settings(k != null ? k : base.k(), kRoot != null ? kRoot : k != null ? Math.max(k, base.kRoot()) : base.kRoot(),
                    simulationsRoot != null ? simulationsRoot : base.simulationsRoot(), simulations != null ? simulations : base.simulations(),
                    depth != null ? depth : base.depth(), exploration, prior.equals("logprob"), minQGap, maxPairs,
                    Integer.parseInt(window[0].strip()), Integer.parseInt(window[1].strip()));
        } catch (NumberFormatException e) {
            throw new UserException("--step-tokens must be MIN-MAX, e.g. 16-128, got " + stepTokens);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    private Map<String, Object> fingerprint(Mcts.Settings s) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("model", server.model);
        f.put("k", s.k());
        f.put("k_root", s.kRoot());
        f.put("simulations_root", s.simulationsRoot());
        f.put("simulations", s.simulations());
        f.put("depth", s.depth());
        f.put("exploration", s.exploration());
        f.put("prior", prior);
        f.put("min_q_gap", s.minQGap());
        f.put("max_pairs", s.maxPairs());
        f.put("step_tokens", List.of(s.minStepTokens(), s.maxStepTokens()));
        f.put("temperature", temperature);
        f.put("top_p", topP);
        f.put("max_tokens", maxTokens);
        f.put("reward", reward);
        f.put("all_or_nothing", allOrNothing);
        f.put("seed", seed);
        f.put("format", format);
        return f;
    }

    private Searched search(Backend backend, Verifier verifier, Reward kind, Mcts.Settings settings, IfevalPrompt p) {
        List<Prompt.Message> messages = List.of(Prompt.Message.user(p.prompt()));
        Mcts.Generator generator = (prefix, n, callSeed) -> {
            GenerationResult r = backend.generate(new GenerationRequest(new Prompt.Continuation(messages, prefix), n, temperature, topP,
                    null, callSeed, maxTokens, List.of(), 0)).join();
            List<Mcts.Continuation> continuations = new ArrayList<>();
            for (GenerationResult.Completion c : r.completions()) {
                continuations.add(new Mcts.Continuation(c.text(), c.logprobs().stream().map(GenerationResult.TokenLogprob::token).toList(),
                        c.logprobs().stream().map(GenerationResult.TokenLogprob::logprob).toList(), c.completionTokens(),
                        "stop".equals(c.finishReason())));
            }
            return continuations;
        };
        Mcts.Scorer scorer = text -> {
            Verdicts v = verifier.verify(p.constraints(), text);
            return new Mcts.Outcome(kind.of(v, allOrNothing), Reward.STRICT.of(v, allOrNothing), Reward.LOOSE.of(v, allOrNothing));
        };
        long promptSeed = SampleRun.rowSeed(seed, p.key(), 0);
        Mcts.Result result = Mcts.search(generator, scorer, settings, promptSeed);
        List<Map<String, Object>> rows = new ArrayList<>();
        if (result.rootPair() != null) rows.add(pairRow(p, result.rootPair(), promptSeed));
        for (Mcts.Pair pair : result.pairs()) rows.add(pairRow(p, pair, promptSeed));
        return new Searched(p.key(), rows, result.calls(), result.generatedTokens(), result.nodes());
    }

    private Map<String, Object> pairRow(IfevalPrompt p, Mcts.Pair pair, long promptSeed) {
        Map<String, Object> row = CurateCommand.trlTexts(format, p.prompt(), pair.chosen().text(), pair.rejected().text());
        row.put("key", p.key());
        row.put("instruction_id_list", p.instructionIds());
        row.put("chosen_reward", pair.chosen().outcome().reward());
        row.put("rejected_reward", pair.rejected().outcome().reward());
        row.put("chosen_reward_strict", pair.chosen().outcome().strict());
        row.put("rejected_reward_strict", pair.rejected().outcome().strict());
        row.put("chosen_reward_loose", pair.chosen().outcome().loose());
        row.put("rejected_reward_loose", pair.rejected().outcome().loose());
        row.put("contrast", "tree");
        row.put("method", "mcts");
        row.put("depth", pair.depth());
        row.put("shared_prefix_chars", pair.prefix().length());
        row.put("shared_prefix_tokens", pair.prefixTokens());
        row.put("chosen_visits", pair.chosenVisits());
        row.put("rejected_visits", pair.rejectedVisits());
        row.put("chosen_q", pair.chosenQ());
        row.put("rejected_q", pair.rejectedQ());
        row.put("model", server.model);
        row.put("seed", promptSeed);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("temperature", temperature);
        params.put("top_p", topP);
        params.put("max_tokens", maxTokens);
        params.put("preset", preset);
        row.put("params", params);
        return row;
    }

    private static Map<String, Object> journalRow(Searched s, Map<String, Object> fingerprint) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", s.key());
        row.put("settings", fingerprint);
        row.put("llm_calls", s.calls());
        row.put("generated_tokens", s.generatedTokens());
        row.put("nodes", s.nodes());
        row.put("pairs", s.pairs());
        return row;
    }

    @SuppressWarnings("unchecked")
    private static void readJournal(Journal journal, Map<String, Object> fingerprint, Map<Long, Searched> done) {
        String expected = PyJson.dumps(fingerprint);
        List<String> lines = journal.existingLines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            Map<String, Object> row;
            try {
                row = (Map<String, Object>) Json.parse(lines.get(i));
            } catch (RuntimeException e) {
                throw new DataFileException(journal.path(), i + 1, null, "not a journal row: " + e.getMessage());
            }
            if (!expected.equals(PyJson.dumps(row.get("settings")))) {
                throw new DataFileException(journal.path(), i + 1, "settings",
                        "this run was started with other settings; rerun with the same arguments or choose another --out");
            }
            done.put((Long) row.get("key"), new Searched((Long) row.get("key"), (List<Map<String, Object>>) row.get("pairs"),
                    ((Long) row.get("llm_calls")).intValue(), (Long) row.get("generated_tokens"), ((Long) row.get("nodes")).intValue()));
        }
    }

    private void writeOutputs(List<IfevalPrompt> all, Map<Long, Searched> done, Mcts.Settings settings) {
        List<Map<String, Object>> rows = new ArrayList<>();
        long calls = 0;
        long tokens = 0;
        int withoutPair = 0;
        int sharedPrefixPairs = 0;
        int rootPairs = 0;
        for (IfevalPrompt p : all) {
            Searched s = done.get(p.key());
            calls += s.calls();
            tokens += s.generatedTokens();
            if (s.pairs().isEmpty()) withoutPair++;
            for (Map<String, Object> row : s.pairs()) {
                row.put("prompt_llm_calls", s.calls());
                row.put("prompt_generated_tokens", s.generatedTokens());
                if (((Number) row.get("depth")).intValue() == 0) rootPairs++;
                else sharedPrefixPairs++;
                rows.add(row);
            }
        }
        CurateCommand.writePairs(out, rows, parquet);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("method", "mcts");
        stats.put("preset", preset);
        stats.put("settings", fingerprint(settings));
        stats.put("prompts", all.size());
        stats.put("prompts_without_pair", withoutPair);
        stats.put("pairs", rootPairs + sharedPrefixPairs);
        stats.put("shared_prefix_pairs", sharedPrefixPairs);
        stats.put("depth0_pairs", rootPairs);
        stats.put("llm_calls", calls);
        stats.put("generated_tokens", tokens);
        int pairs = rootPairs + sharedPrefixPairs;
        stats.put("llm_calls_per_pair", pairs == 0 ? null : (double) calls / pairs);
        stats.put("generated_tokens_per_pair", pairs == 0 ? null : (double) tokens / pairs);
        AtomicFiles.write(statsPath(out), PyJson.dumps(stats) + "\n");
        spec.commandLine().getOut().printf("%d prompts: %d pairs (%d with a shared prefix, %d at depth 0), %d prompts without a pair; "
                        + "%d LLM calls, %d generated tokens; wrote %s and %s%n", all.size(), pairs, sharedPrefixPairs, rootPairs,
                withoutPair, calls, tokens, out, statsPath(out));
    }

    static Path statsPath(Path pairs) {
        return pairs.resolveSibling(pairs.getFileName() + ".stats.json");
    }
}
