package dev.jack.pipeline.stage;

import dev.jack.core.Choices;
import dev.jack.core.Parallel;
import dev.jack.core.Seeds;
import dev.jack.core.curate.Flaw;
import dev.jack.core.curate.Mcts;
import dev.jack.core.curate.Reward;
import dev.jack.core.data.CurationStats;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.Journal;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.PairFormat;
import dev.jack.core.data.PreferencePair;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.Verdicts;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.json.Json;
import dev.jack.core.json.JsonException;
import dev.jack.core.json.PyJson;
import dev.jack.core.text.Thinking;
import dev.jack.llm.Backend;
import dev.jack.llm.ControlTokens;
import dev.jack.llm.EmbeddedBackend;
import dev.jack.llm.GenerationException;
import dev.jack.llm.GenerationRequest;
import dev.jack.llm.GenerationResult;
import dev.jack.llm.OpenAiBackend;
import dev.jack.llm.Prompt;
import dev.jack.pipeline.Check;
import dev.jack.pipeline.Inputs;
import dev.jack.pipeline.IntRange;
import dev.jack.pipeline.ModelOptions;
import dev.jack.pipeline.ModelSettings;
import dev.jack.core.OptionException;
import dev.jack.pipeline.ProgressBar;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code jack curate mcts}: tree search per prompt ({@link Mcts}) for pairs that share a prefix. Each finished prompt
 * is one journal line ({@code OUT.journal.jsonl}), so a killed run resumes where it stopped; when all prompts are done
 * the pairs are written in prompt order to {@code out}, with the run's costs in {@code OUT.stats.json}. Continuations
 * are of a partial assistant reply, conditioned on the model's own chat template (on a server, in a form it is found to
 * support: see {@link OpenAiBackend.ContinuationForm}).
 *
 * <p>Rollouts are scored on their final answer (a reasoning model's leading thinking block removed unless
 * {@code thinking} is {@code keep}), and pairs hold the texts the same way. When the thinking is stripped and the
 * search's shared prefix lies in it, the answers share no text: such a pair keeps its depth and has
 * {@code shared_prefix_chars} 0; where the prefix runs past the thinking, the chars left are counted and
 * {@code shared_prefix_tokens} is null (unknown). A rollout cut off at {@code max_tokens}, with an empty answer or with
 * control-token text ({@link ControlTokens#KNOWN}) is never chosen unless {@code allowTruncated}; the stats count them.
 */
public record MctsStage(Path prompts, Path out, Options options, ModelOptions model, int parallelPrompts) implements Stage {
    /** The presets of the search's shape; each option given overrides its preset value. */
    public enum Preset {
        /** k=4 (6 at the root), S_root=16, S=8, D=4. */
        DEFAULT(Mcts.Settings.DEFAULT),
        /** k=3, S_root=8, S=4, D=3. */
        LEAN(Mcts.Settings.LEAN);

        private final Mcts.Settings settings;

        Preset(Mcts.Settings settings) {
            this.settings = settings;
        }
    }

    /** The children's prior in PUCT: uniform, or the softmax of the steps' mean token logprobs. */
    public enum Prior { UNIFORM, LOGPROB }

    /**
     * The search: a preset and the values that override it (k, k at the root, simulations at the first and later
     * roots, depth; null keeps the preset's), PUCT's exploration constant, the prior, the smallest Q gap of a pair,
     * shared-prefix pairs per prompt at most, a step's token window; generation (temperature, top_p, max_tokens per
     * continuation); the reward; the base seed; only the first {@code limit} prompts (null: all); the output format,
     * Parquet, the Punkt folder (null: Jack's own), what happens to a reasoning model's thinking (in scoring and in the
     * pairs), and whether flawed rollouts may be chosen.
     */
    public record Options(Preset preset, Integer k, Integer kRoot, Integer simulationsRoot, Integer simulations, Integer depth,
                          double exploration, Prior prior, double minQGap, int maxPairs, IntRange stepTokens, double temperature, Double topP,
                          int maxTokens, Reward reward, boolean allOrNothing, long seed, Integer limit, PairFormat format, boolean parquet,
                          Path punktDir, Thinking thinking, boolean allowTruncated) {
        public static final IntRange DEFAULT_STEP_TOKENS = new IntRange(16, 128);

        public Options {
            Check.atLeast("k", k, 2);
            Check.atLeast("k_root", kRoot, 2);
            Check.atLeast("simulations_root", simulationsRoot, 1);
            Check.atLeast("simulations", simulations, 1);
            Check.atLeast("depth", depth, 1);
            Check.atLeast("exploration", exploration, 0);
            Check.atLeast("min_q_gap", minQGap, 0);
            Check.atLeast("max_pairs", maxPairs, 1);
            stepTokens.check("step_tokens", 1);
            Check.atLeast("temperature", temperature, 0);
            if (topP != null) Check.within("top_p", topP, 0, 1);
            Check.atLeast("max_tokens", maxTokens, 1);
            Check.atLeast("limit", limit, 1);
        }

        /** The search's settings: the preset's, with the options given put over them (k also raises the root's k). */
        public Mcts.Settings settings() {
            Mcts.Settings base = preset.settings;
            try {
                return new Mcts.Settings(k != null ? k : base.k(), kRoot != null ? kRoot : k != null ? Math.max(k, base.kRoot()) : base.kRoot(),
                        simulationsRoot != null ? simulationsRoot : base.simulationsRoot(), simulations != null ? simulations : base.simulations(),
                        depth != null ? depth : base.depth(), exploration, prior == Prior.LOGPROB, minQGap, maxPairs, stepTokens.min(), stepTokens.max());
            } catch (IllegalArgumentException e) {
                throw new OptionException("preset", e.getMessage());
            }
        }
    }

    /**
     * What one prompt's search made (and left in the journal): its pairs (without their cost), LLM calls, generated
     * tokens, tree nodes; {@code excluded}: rollouts kept from being chosen, by flaw label.
     */
    public record Searched(long key, List<PreferencePair> pairs, int calls, long generatedTokens, int nodes, Map<String, Integer> excluded) {}

    @Override
    public String name() {
        return "mcts";
    }

    @Override
    public Record settings() {
        return new ModelSettings(options, model.identity());
    }


    @Override
    public List<Path> inputs() {
        return Inputs.of(prompts, model.localFile(), Inputs.punkt(options.punktDir()));
    }

    @Override
    public List<Path> outputs() {
        return List.of(out, CurationStats.pathFor(out), journalPath(), Inputs.replaceJsonl(out, ".parquet"));
    }

    private Path journalPath() {
        return out.resolveSibling(out.getFileName() + ".journal.jsonl");
    }

    @Override
    public Status run(StageContext context) {
        Mcts.Settings settings = options.settings();
        if (parallelPrompts < 1) throw new OptionException("parallel_prompts", "expected a whole number >= 1, got " + parallelPrompts);
        List<IfevalPrompt> read = IfevalPrompt.readAll(prompts);
        List<IfevalPrompt> all = options.limit() == null ? read : read.subList(0, Math.min(options.limit(), read.size()));
        Verifier verifier = new Verifier(context.text(options.punktDir()));
        PrintWriter err = context.err();
        Map<String, Object> fingerprint = fingerprint(settings);
        Map<Long, Searched> done = new HashMap<>();
        List<String> failures = new ArrayList<>();
        Set<String> checkerErrors = ConcurrentHashMap.newKeySet();
        try (Backend backend = model.open(OpenAiBackend.Endpoint.COMPLETIONS, context); Journal journal = Journal.open(journalPath())) {
            readJournal(journal, fingerprint, all, done);
            journal.begin();
            List<IfevalPrompt> toDo = all.stream().filter(p -> !done.containsKey(p.key())).toList();
            ProgressBar bar = new ProgressBar(err, context.terminal());
            AtomicLong finished = new AtomicLong();
            Parallel.forEach(toDo.size(), parallelPrompts, i -> {
                IfevalPrompt p = toDo.get(i);
                try {
                    Searched s = search(backend, verifier, settings, p, checkerErrors);
                    journal.append(PyJson.dumps(journalRow(s, p, fingerprint)));
                    synchronized (done) {
                        done.put(p.key(), s);
                    }
                } catch (CompletionException | GenerationException | IllegalStateException e) {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    synchronized (failures) {
                        failures.add("key " + p.key() + ": " + cause.getMessage());
                    }
                } finally {
                    bar.update(finished.incrementAndGet(), toDo.size(), 0, failures.size());
                }
            });
            bar.finish();
            if (backend instanceof EmbeddedBackend engine) {
                // Printed, not stored: it depends on what this process happened to have cached.
                context.note("prompt tokens taken from the engine's prefix cache in this process: " + engine.reusedPromptTokens());
            }
        }
        checkerErrors.stream().sorted().forEach(e -> context.note("warning: " + e + " (counted as not followed)"));
        if (!failures.isEmpty()) {
            failures.sort(null);
            failures.forEach(f -> context.note("failed: " + f));
            context.out().printf("%d of %d prompts failed; the %d done are kept in %s (rerun the same command to retry)%n",
                    failures.size(), all.size(), done.size(), journalPath());
            return Status.INCOMPLETE;
        }
        writeOutputs(all, done, settings, context.out());
        return Status.DONE;
    }

    /** The settings a journal line carries; a journal started with others is refused. */
    private Map<String, Object> fingerprint(Mcts.Settings s) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("model", model.model());
        f.put("k", s.k());
        f.put("k_root", s.kRoot());
        f.put("simulations_root", s.simulationsRoot());
        f.put("simulations", s.simulations());
        f.put("depth", s.depth());
        f.put("exploration", s.exploration());
        f.put("prior", Choices.label(options.prior()));
        f.put("min_q_gap", s.minQGap());
        f.put("max_pairs", s.maxPairs());
        f.put("step_tokens", List.of(s.minStepTokens(), s.maxStepTokens()));
        f.put("temperature", options.temperature());
        f.put("top_p", options.topP());
        f.put("max_tokens", options.maxTokens());
        f.put("reward", Choices.label(options.reward()));
        f.put("all_or_nothing", options.allOrNothing());
        f.put("seed", options.seed());
        f.put("format", Choices.label(options.format()));
        f.put("thinking", Choices.label(options.thinking()));
        f.put("allow_truncated", options.allowTruncated());
        return f;
    }

    /**
     * One prompt's tree search through the backend (continuations on the completions endpoint), seeded by the prompt's
     * key: the same pairs wherever it runs. Checks that could not run on a rollout count as not followed, and are added
     * to {@code checkerErrors} (a set safe for concurrent use) as {@code prompt key K: ERROR}.
     */
    public Searched search(Backend backend, Verifier verifier, Mcts.Settings settings, IfevalPrompt p, Set<String> checkerErrors) {
        List<Prompt.Message> messages = List.of(Prompt.Message.user(p.prompt()));
        Mcts.Generator generator = (prefix, n, callSeed) -> {
            GenerationResult r = backend.generate(new GenerationRequest(new Prompt.Continuation(messages, prefix), n, options.temperature(),
                    options.topP(), null, callSeed, options.maxTokens(), List.of(), 0)).join();
            List<Mcts.Continuation> continuations = new ArrayList<>();
            for (GenerationResult.Completion c : r.completions()) {
                continuations.add(new Mcts.Continuation(c.text(), c.logprobs().stream().map(GenerationResult.TokenLogprob::token).toList(),
                        c.logprobs().stream().map(GenerationResult.TokenLogprob::logprob).toList(), c.completionTokens(),
                        "stop".equals(c.finishReason())));
            }
            return continuations;
        };
        Reward kind = options.reward();
        boolean all = options.allOrNothing();
        Thinking thinking = options.thinking();
        Mcts.Scorer scorer = text -> {
            Verdicts v = verifier.verify(p.constraints(), thinking.apply(null, text));
            for (String e : v.errors()) checkerErrors.add("prompt key " + p.key() + ": " + e);
            return new Mcts.Outcome(kind.of(v, all), Reward.STRICT.of(v, all), Reward.LOOSE.of(v, all));
        };
        Mcts.Screen screen = (text, stopped) -> options.allowTruncated() ? null
                : Flaw.of(stopped ? "stop" : "length", Thinking.answer(text), ControlTokens.KNOWN.containsAny(text));
        long promptSeed = Seeds.row(options.seed(), p.key(), 0);
        Mcts.Result result = Mcts.search(generator, scorer, screen, settings, promptSeed);
        List<PreferencePair> pairs = new ArrayList<>();
        if (result.rootPair() != null) pairs.add(pair(p, result.rootPair(), promptSeed));
        for (Mcts.Pair pair : result.pairs()) pairs.add(pair(p, pair, promptSeed));
        return new Searched(p.key(), pairs, result.calls(), result.generatedTokens(), result.nodes(), Flaw.counts(result.excluded()));
    }

    private PreferencePair pair(IfevalPrompt p, Mcts.Pair pair, long promptSeed) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("temperature", options.temperature());
        params.put("top_p", options.topP());
        params.put("max_tokens", options.maxTokens());
        params.put("preset", Choices.label(options.preset()));
        Mcts.Outcome chosen = pair.chosen().outcome();
        Mcts.Outcome rejected = pair.rejected().outcome();
        Texts texts = texts(pair, options.thinking());
        return new PreferencePair(null, p.prompt(), texts.chosen(), texts.rejected(), p.key(), p.instructionIds(), chosen.reward(),
                rejected.reward(), chosen.strict(), rejected.strict(), chosen.loose(), rejected.loose(), "tree", "mcts", pair.depth(),
                texts.prefixChars(), texts.prefixTokens(), finishReason(pair.chosen()), finishReason(pair.rejected()), new PreferencePair.Searched(pair.chosenVisits(), pair.rejectedVisits(),
                pair.chosenQ(), pair.rejectedQ(), model.model(), promptSeed, params), null, null, null);
    }

    /** A pair's texts as the thinking choice has them, and what they share of the search's prefix: chars, and tokens (null: unknown). */
    record Texts(String chosen, String rejected, int prefixChars, Integer prefixTokens) {}

    /**
     * The pair's texts with the thinking stripped or kept. Stripping takes a block off the front of each text (an answer
     * is a suffix of its response); where the shared prefix ran past the same block in both, what is left of it is
     * still shared (its tokens unknown), otherwise the answers share none of it.
     */
    static Texts texts(Mcts.Pair pair, Thinking thinking) {
        String chosen = thinking.apply(null, pair.chosen().text());
        String rejected = thinking.apply(null, pair.rejected().text());
        int chosenCut = pair.chosen().text().length() - chosen.length();
        int rejectedCut = pair.rejected().text().length() - rejected.length();
        if (chosenCut == 0 && rejectedCut == 0) return new Texts(chosen, rejected, pair.prefix().length(), pair.prefixTokens());
        boolean pastThinking = chosenCut == rejectedCut && pair.prefix().length() > chosenCut;
        return pastThinking ? new Texts(chosen, rejected, pair.prefix().length() - chosenCut, null) : new Texts(chosen, rejected, 0, 0);
    }

    /** A rollout ends at the model's own stop or at the token limit (Jack's backends report no other reason). */
    private static String finishReason(Mcts.Finished response) {
        return response.stopped() ? "stop" : "length";
    }

    private Map<String, Object> journalRow(Searched s, IfevalPrompt p, Map<String, Object> fingerprint) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", s.key());
        row.put("prompt_sha256", p.digest());
        row.put("settings", fingerprint);
        row.put("llm_calls", s.calls());
        row.put("generated_tokens", s.generatedTokens());
        row.put("nodes", s.nodes());
        row.put("excluded_from_chosen", s.excluded());
        row.put("pairs", s.pairs().stream().map(pair -> pair.toJson(options.format())).toList());
        return row;
    }

    /**
     * The searches already done: every journal line must be a row of this run's settings (else the journal is refused
     * untouched); a row whose prompt (text, constraints, parameters) is no longer what the prompts file says for its
     * key is searched again.
     */
    @SuppressWarnings("unchecked")
    private static void readJournal(Journal journal, Map<String, Object> fingerprint, List<IfevalPrompt> prompts, Map<Long, Searched> done) {
        String expected = PyJson.dumps(fingerprint);
        Map<Long, String> digests = new HashMap<>();
        for (IfevalPrompt p : prompts) digests.put(p.key(), p.digest());
        List<String> lines = journal.existingLines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            Object parsed;
            try {
                parsed = Json.parse(lines.get(i));
            } catch (JsonException e) {
                parsed = null;
            }
            if (!(parsed instanceof Map<?, ?> map) || !(map.get("key") instanceof Long key) || !(map.get("pairs") instanceof List<?> rawPairs)
                    || !(map.get("llm_calls") instanceof Long calls) || !(map.get("generated_tokens") instanceof Long tokens)
                    || !(map.get("nodes") instanceof Long nodes)) {
                throw new DataFileException(journal.path(), i + 1, null, "not a row of jack curate mcts's journal; nothing was changed: choose another --out");
            }
            Map<String, Object> row = (Map<String, Object>) map;
            if (!expected.equals(PyJson.dumps(row.get("settings")))) {
                throw new DataFileException(journal.path(), i + 1, "settings",
                        "this run was started with other settings; rerun with the same arguments or choose another --out");
            }
            if (!Objects.equals(digests.get(key), row.get("prompt_sha256"))) continue;
            List<PreferencePair> pairs = new ArrayList<>();
            for (Object pair : rawPairs) {
                if (!(pair instanceof Map<?, ?>)) throw new DataFileException(journal.path(), i + 1, "pairs", "must be a list of pairs");
                pairs.add(PreferencePair.read(new JsonlReader.Row(journal.path(), i + 1, (Map<String, Object>) pair)));
            }
            Map<String, Integer> excluded = new LinkedHashMap<>();
            if (row.get("excluded_from_chosen") instanceof Map<?, ?> counts) {
                for (Map.Entry<?, ?> e : counts.entrySet()) {
                    if (!(e.getValue() instanceof Long n)) throw new DataFileException(journal.path(), i + 1, "excluded_from_chosen", "must map flaws to counts");
                    excluded.put((String) e.getKey(), n.intValue());
                }
            }
            done.put(key, new Searched(key, pairs, calls.intValue(), tokens, nodes.intValue(), excluded));
        }
    }

    private void writeOutputs(List<IfevalPrompt> all, Map<Long, Searched> done, Mcts.Settings settings, PrintWriter console) {
        List<PreferencePair> pairs = new ArrayList<>();
        Tally tally = Tally.NONE;
        for (IfevalPrompt p : all) {
            Searched s = done.get(p.key());
            tally = tally.plus(s);
            pairs.addAll(priced(s));
        }
        CurationStats stats = stats(tally, settings);
        Pairs.write(out, pairs, options.format(), options.parquet(), stats);
        summary(tally, stats, out.toString(), console);
    }

    /** A search's pairs, each with the search's cost (LLM calls, generated tokens). */
    public static List<PreferencePair> priced(Searched s) {
        return s.pairs().stream().map(pair -> pair.withCost(s.calls(), s.generatedTokens())).toList();
    }

    /**
     * What searches made, added up: prompts, prompts without a pair, pairs by depth, LLM calls, generated tokens, and
     * rollouts kept from being chosen by flaw label.
     */
    public record Tally(long prompts, long withoutPair, long sharedPrefixPairs, long rootPairs, long calls, long tokens, Map<String, Integer> excluded)
            implements java.io.Serializable {
        public static final Tally NONE = new Tally(0, 0, 0, 0, 0, 0, Flaw.counts(Map.of()));

        public Tally {
            excluded = new LinkedHashMap<>(excluded);
        }

        /** This and one more search. */
        public Tally plus(Searched s) {
            long root = s.pairs().stream().filter(pair -> pair.depth() == 0).count();
            return plus(new Tally(1, s.pairs().isEmpty() ? 1 : 0, s.pairs().size() - root, root, s.calls(), s.generatedTokens(), s.excluded()));
        }

        public Tally plus(Tally t) {
            Map<String, Integer> sum = new LinkedHashMap<>(excluded);
            t.excluded.forEach((flaw, n) -> sum.merge(flaw, n, Integer::sum));
            return new Tally(prompts + t.prompts, withoutPair + t.withoutPair, sharedPrefixPairs + t.sharedPrefixPairs, rootPairs + t.rootPairs,
                    calls + t.calls, tokens + t.tokens, sum);
        }
    }

    /** The run's statistics (the pairs file's {@code .stats.json}) from its tally. */
    public CurationStats stats(Tally t, Mcts.Settings settings) {
        return CurationStats.mcts(Choices.label(options.preset()), fingerprint(settings), Math.toIntExact(t.prompts()),
                Math.toIntExact(t.withoutPair()), Math.toIntExact(t.sharedPrefixPairs()), Math.toIntExact(t.rootPairs()), t.calls(), t.tokens(),
                t.excluded());
    }

    /** The stage's summary lines from the tally and its statistics, naming {@code where} it wrote the pairs. */
    public void summary(Tally t, CurationStats stats, String where, PrintWriter console) {
        console.printf("%d prompts: %d pairs (%d with a shared prefix, %d at depth 0), %d prompts without a pair; "
                        + "%d LLM calls, %d generated tokens; wrote %s and %s%n", t.prompts(), stats.pairs(), t.sharedPrefixPairs(), t.rootPairs(),
                t.withoutPair(), t.calls(), t.tokens(), where, where + ".stats.json");
        console.println(RsStage.excludedLine(stats, "rollouts", options.allowTruncated()));
    }
}
