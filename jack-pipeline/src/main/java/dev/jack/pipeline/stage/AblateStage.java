package dev.jack.pipeline.stage;

import dev.jack.core.Choices;
import dev.jack.core.OptionException;
import dev.jack.core.UserException;
import dev.jack.core.curate.Matching;
import dev.jack.core.curate.RejectionSampling;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.CurationStats;
import dev.jack.core.data.FileSet;
import dev.jack.core.data.Decontamination;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.PairFormat;
import dev.jack.core.data.PassRates;
import dev.jack.core.data.PreferencePair;
import dev.jack.core.data.ScoredSample;
import dev.jack.core.json.PyJson;
import dev.jack.core.synth.Difficulty;
import dev.jack.core.synth.DifficultyThresholds;
import dev.jack.core.text.Thinking;
import dev.jack.pipeline.Check;
import dev.jack.pipeline.Inputs;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * {@code jack ablate}: from one run, the dataset variants the study trains on, each a TRL pairs file in {@code outDir},
 * grouped in comparisons that change one thing and hold the rest fixed ({@link Matching}), with what each holds fixed
 * and each variant's statistics (what was matched and what still differs) in {@code ablations.json}:
 * <ul>
 *   <li><b>contrast</b> (contrast-high, -low, -mixed): rejection sampling with each contrast, by the same function and
 *       options as {@code jack curate rs}; the arms hold the same prompts with the same pairs per prompt.</li>
 *   <li><b>quality</b> (quality-perfect, -relative): pairs whose chosen response follows every constraint (reward 1)
 *       against pairs whose chosen one is only better than the rejected one; same prompts, same count per prompt and
 *       reward-gap bin.</li>
 *   <li><b>prefix</b> (prefix-shared, -none): tree-search pairs that share a prefix against pairs that do not (the same
 *       searches' depth-0 pairs, or rejection sampling's high-contrast pairs); same prompts, same count per prompt and
 *       reward-gap bin.</li>
 *   <li><b>difficulty</b> (difficulty-easy, -moderate, -hard): the high-contrast pairs by the prompt's tier, measured
 *       (pass@1 over its samples, binned by the thresholds) or the prior from {@code jack synth}; the same count per
 *       reward-gap bin in every tier that has pairs.</li>
 *   <li><b>budget</b> (budget-rs, -mcts): rejection sampling and tree search at the same generated tokens per prompt: the
 *       prompts whose search spent at most the budget, each rejection-sampling prompt cut to its first samples within
 *       what the search spent there.</li>
 * </ul>
 * With {@code matchLength}, every comparison first keeps only pairs whose two responses have similar lengths. With
 * decontamination, prompts that overlap evaluation prompts are dropped from everything first. Rejection sampling never
 * chooses a sample cut off at the token limit, with an empty answer or with control-token text unless the pairing allows
 * it ({@link dev.jack.core.curate.Flaw}); {@code excluded_from_chosen} counts them. A variant that comes out empty is
 * still written and listed, with 0 pairs.
 */
public record AblateStage(Path scored, Path mcts, Path prompts, Path outDir, Options options) implements Stage {
    /** Where the pairs without a shared prefix come from. */
    public enum PrefixControl {
        /** The same searches' depth-0 pairs. */
        DEPTH0,
        /** Rejection sampling's high-contrast pairs. */
        RS
    }

    /** What a prompt's difficulty tier is read from. */
    public enum DifficultyBy {
        /** Its pass@1 over its scored samples, binned by the thresholds. */
        MEASURED,
        /** jack synth's {@code difficulty} field in the prompts file. */
        PRIOR
    }

    /**
     * The rejection-sampling options every variant is paired with (the contrast is each variant's), the reward-gap bin
     * width used to match gaps, where the prefix comparison's control comes from, length matching and its tolerance (the
     * largest length difference, as a share of the longer response), how tiers are read and the thresholds of measured
     * tiers, the generated-token budget per prompt of the budget comparison (null: no such comparison), and
     * decontamination.
     */
    public record Options(RsStage.Options pairing, double gapBin, PrefixControl prefixControl, boolean matchLength, double lengthTolerance,
                          DifficultyBy difficultyBy, DifficultyThresholds thresholds, Long budget, Decontaminate decontaminate) {
        public static final double DEFAULT_GAP_BIN = 0.1;
        public static final double DEFAULT_LENGTH_TOLERANCE = 0.1;

        public Options {
            if (!(gapBin > 0 && gapBin <= 1)) throw new OptionException("gap_bin", "expected a number > 0 and <= 1, got " + gapBin);
            Check.within("length_tolerance", lengthTolerance, 0, 1);
            if (budget != null && budget < 1) throw new OptionException("budget", "expected a whole number of tokens >= 1, got " + budget);
            if (thresholds == null) thresholds = DifficultyThresholds.DEFAULT;
            if (decontaminate == null) decontaminate = Decontaminate.NONE;
        }

        /** The defaults around a pairing. */
        public Options(RsStage.Options pairing) {
            this(pairing, DEFAULT_GAP_BIN, PrefixControl.DEPTH0, false, DEFAULT_LENGTH_TOLERANCE, DifficultyBy.MEASURED, null, null, null);
        }

        /**
         * The pairing: pairs per prompt, smallest gap, share of high contrast when mixed, seed, format, Parquet, what
         * chosen and rejected hold of a reasoning model's thinking, and whether flawed samples may be chosen.
         */
        public static RsStage.Options pairing(int maxPairs, double minGap, double highShare, long seed, PairFormat format, boolean parquet,
                                              Thinking thinking, boolean allowTruncated) {
            return new RsStage.Options(RejectionSampling.Contrast.HIGH, highShare, minGap, maxPairs, seed, format, parquet, null, thinking,
                    allowTruncated);
        }
    }

    /** Enough pairs per prompt to take every pair rejection sampling can make (the quality comparison's pool). */
    private static final int ALL_PAIRS = 1 << 20;

    @Override
    public Record settings() {
        return options;
    }

    @Override
    public String name() {
        return "ablate";
    }

    @Override
    public List<Path> inputs() {
        return Inputs.of(scored, mcts, mcts == null ? null : existing(journalOf(mcts)), prompts, options.decontaminate().files());
    }

    private static Path existing(Path p) {
        return Files.exists(p) ? p : null;
    }

    @Override
    public List<Path> outputs() {
        return List.of(outDir);
    }

    private static Path journalOf(Path mcts) {
        return mcts.resolveSibling(mcts.getFileName() + ".journal.jsonl");
    }

    /** One comparison: its variants and what they hold fixed and vary, with the matching's counts. */
    private record Comparison(String name, List<String> variants, String heldFixed, String varies, Map<String, Object> details) {}

    @Override
    public List<Path> outputFolders() {
        return List.of(outDir);
    }

    @Override
    public Status run(StageContext context) {
        if (options.budget() != null && mcts == null) throw new OptionException("budget", "needs the tree search's pairs (--mcts)");
        RsStage.Options o = options.pairing();
        PrintWriter console = context.out();
        Map<Long, List<ScoredSample>> samples = RsStage.readScored(scored);
        List<PreferencePair> tree = mcts == null ? null : readTree(mcts);
        Map<String, Object> decontamination = decontaminate(context, samples, tree);

        Map<Long, PassRates> rates = measured(samples);
        Map<Long, String> tiers = tiers(rates);
        Map<String, List<PreferencePair>> variants = new LinkedHashMap<>();
        List<Comparison> comparisons = new ArrayList<>();

        Map<RejectionSampling.Contrast, List<PreferencePair>> rs = new LinkedHashMap<>();
        CurationStats excluded = null;
        for (RejectionSampling.Contrast c : RejectionSampling.Contrast.values()) {
            RejectionSampling.Curated curated = o.curate(samples, c, null, null);
            rs.put(c, curated.pairs());
            excluded = curated.stats(c);
        }
        List<PreferencePair> high = rs.get(RejectionSampling.Contrast.HIGH);
        comparisons.add(compare("contrast", List.of("contrast-high", "contrast-low", "contrast-mixed"), List.copyOf(rs.values()),
                Matching::byPrompt, "the prompts, and the pairs per prompt (rejection sampling, the same samples)",
                "the contrast: which reward levels are paired (best against worst, adjacent levels, or a draw per prompt)", variants, Map.of()));

        List<PreferencePair> pool = qualityPool(samples);
        comparisons.add(compare("quality", List.of("quality-perfect", "quality-relative"),
                List.of(pool.stream().filter(p -> p.chosenReward() >= 1 - 1e-9).toList(), pool.stream().filter(p -> p.chosenReward() < 1 - 1e-9).toList()),
                arms -> Matching.byPromptAndGap(arms, options.gapBin(), o.seed()), "the prompts, and the pairs per prompt and reward-gap bin",
                "the chosen response's reward: 1 (every constraint met) or below 1 (only better than the rejected one)", variants, Map.of()));

        if (tree != null) {
            List<PreferencePair> shared = tree.stream().filter(p -> p.depth() > 0).toList();
            List<PreferencePair> control = options.prefixControl() == PrefixControl.DEPTH0 ? tree.stream().filter(p -> p.depth() == 0).toList() : high;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("control", Choices.label(options.prefixControl()));
            comparisons.add(compare("prefix", List.of("prefix-shared", "prefix-none"), List.of(shared, control),
                    arms -> Matching.byPromptAndGap(arms, options.gapBin(), o.seed()), "the prompts, and the pairs per prompt and reward-gap bin",
                    "whether chosen and rejected share a prefix (" + (options.prefixControl() == PrefixControl.DEPTH0
                            ? "the control is the same searches' depth-0 pairs" : "the control is rejection sampling's high-contrast pairs") + ")",
                    variants, details));
        }

        // Measured tiers are always the three, so that every run writes the same files; prior tiers are those the prompts have.
        List<String> tierNames = options.difficultyBy() == DifficultyBy.MEASURED && !tiers.isEmpty()
                ? List.of(Difficulty.EASY.label(), Difficulty.MODERATE.label(), Difficulty.HARD.label()) : PromptTier.order(new HashSet<>(tiers.values()));
        if (!tierNames.isEmpty()) {
            List<List<PreferencePair>> byTier = new ArrayList<>();
            for (String tier : tierNames) byTier.add(high.stream().filter(p -> tier.equals(tiers.get(p.key()))).toList());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("by", Choices.label(options.difficultyBy()));
            if (options.difficultyBy() == DifficultyBy.MEASURED) details.put("thresholds", options.thresholds().text());
            Map<String, Integer> promptsPerTier = new TreeMap<>();
            for (String t : tiers.values()) promptsPerTier.merge(t, 1, Integer::sum);
            details.put("prompts_per_tier", promptsPerTier);
            comparisons.add(compare("difficulty", tierNames.stream().map(t -> "difficulty-" + t).toList(), byTier,
                    arms -> Matching.byGap(arms, options.gapBin(), o.seed()), "the contrast (high), and the pairs per reward-gap bin in every tier that has pairs",
                    options.difficultyBy() == DifficultyBy.MEASURED ? "the prompts' measured difficulty: pass@1 below " + options.thresholds().hardBelow()
                            + " is hard, at least " + options.thresholds().easyFrom() + " easy, between moderate"
                            : "the prompts' difficulty tier from jack synth (a prior: how many and which constraints)", variants, details));
        }

        if (options.budget() != null) comparisons.add(budget(samples, tree, variants));

        Map<String, String> comparisonOf = new HashMap<>();
        for (Comparison c : comparisons) for (String v : c.variants()) comparisonOf.put(v, c.name());
        Map<String, Object> summary = new LinkedHashMap<>();
        // The variants and ablations.json are replaced as one set: a kill leaves the old ablations or the new ones.
        try (FileSet set = new FileSet()) {
            for (Map.Entry<String, List<PreferencePair>> v : variants.entrySet()) {
                Path file = outDir.resolve(v.getKey() + ".jsonl");
                Pairs.stage(set, file, v.getValue(), o.format(), o.parquet(), null);
                summary.put(v.getKey(), stats(file, comparisonOf.get(v.getKey()), v.getValue(), rates, tiers));
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            Map<String, Object> source = new LinkedHashMap<>();
            // File names only, so that the same run in another folder gives the same file.
            source.put("scored", scored.getFileName().toString());
            source.put("mcts", mcts == null ? null : mcts.getFileName().toString());
            source.put("prompts", prompts == null ? null : prompts.getFileName().toString());
            doc.put("source", source);
            doc.put("settings", settingsJson());
            if (decontamination != null) doc.put("decontamination", decontamination);
            // The same samples are screened for every variant made by rejection sampling.
            doc.put("excluded_from_chosen", excluded.excluded());
            Map<String, Object> comparisonJson = new LinkedHashMap<>();
            for (Comparison c : comparisons) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("variants", c.variants());
                m.put("held_fixed", c.heldFixed());
                m.put("varies", c.varies());
                m.putAll(c.details());
                comparisonJson.put(c.name(), m);
            }
            doc.put("comparisons", comparisonJson);
            doc.put("variants", summary);
            AtomicFiles.write(set.stage(outDir.resolve("ablations.json")), PyJson.dumps(doc) + "\n");
            set.commit();
        }

        if (decontamination != null) console.printf("  dropped %s prompts that overlap evaluation prompts%n", decontamination.get("prompts_dropped"));
        for (Comparison c : comparisons) {
            console.printf("  %s, holding fixed %s:%n", c.name(), c.heldFixed());
            for (String v : c.variants()) {
                List<PreferencePair> pairs = variants.get(v);
                console.printf(Locale.ROOT, "    %-20s %5d pairs %5d prompts%s%n", v, pairs.size(), prompts(pairs),
                        pairs.isEmpty() ? " (empty)" : String.format(Locale.ROOT, "  mean gap %.3f  chosen reward %.3f  length bias %+.0f chars",
                                mean(pairs, PreferencePair::rewardGap), mean(pairs, PreferencePair::chosenReward), mean(pairs, AblateStage::lengthBias)));
            }
        }
        console.println(RsStage.excludedLine(excluded, "samples", o.allowTruncated()));
        if (mcts == null) console.println("  (no --mcts: the prefix and budget comparisons are left out)");
        if (tierNames.isEmpty()) console.println("  (no verdicts in the scored rows and no prompts with a difficulty: the difficulty comparison is left out)");
        console.printf("wrote %d variants and %s%n", summary.size(), outDir.resolve("ablations.json"));
        return Status.DONE;
    }

    /**
     * Matches one comparison's candidate arms (after the length filter, when asked) and records the variants, with how
     * many candidates each arm had, how many the length filter left, and how many matching kept.
     */
    private Comparison compare(String name, List<String> names, List<List<PreferencePair>> candidates,
                               Function<List<List<PreferencePair>>, List<List<PreferencePair>>> matcher, String heldFixed, String varies,
                               Map<String, List<PreferencePair>> variants, Map<String, Object> extra) {
        List<List<PreferencePair>> filtered = options.matchLength()
                ? candidates.stream().map(c -> Matching.similarLength(c, options.lengthTolerance())).toList() : candidates;
        List<List<PreferencePair>> matched = matcher.apply(filtered);
        Map<String, Object> details = new LinkedHashMap<>(extra);
        Map<String, Object> counts = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            variants.put(names.get(i), matched.get(i));
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("candidates", candidates.get(i).size());
            if (options.matchLength()) c.put("similar_length", filtered.get(i).size());
            c.put("kept", matched.get(i).size());
            counts.put(names.get(i), c);
        }
        details.put("pairs", counts);
        return new Comparison(name, names, heldFixed + (options.matchLength() ? "; responses of similar length" : ""), varies, details);
    }

    /**
     * Every pair rejection sampling makes with high and with low contrast (no cap per prompt), each pair of samples
     * once: the pool the quality comparison matches from.
     */
    private List<PreferencePair> qualityPool(Map<Long, List<ScoredSample>> samples) {
        RsStage.Options o = options.pairing();
        RsStage.Options all = new RsStage.Options(o.contrast(), o.highShare(), o.minGap(), ALL_PAIRS, o.seed(), o.format(), o.parquet(), null,
                o.thinking(), o.allowTruncated());
        List<PreferencePair> pool = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        for (RejectionSampling.Contrast c : List.of(RejectionSampling.Contrast.HIGH, RejectionSampling.Contrast.LOW)) {
            for (PreferencePair p : all.curate(samples, c, null, null).pairs()) {
                if (seen.add(List.of(p.key(), p.chosen(), p.rejected()))) pool.add(p);
            }
        }
        pool.sort(Comparator.comparingLong(PreferencePair::key));
        return pool;
    }

    /**
     * Rejection sampling against tree search at the same generated tokens per prompt: the prompts whose search spent at
     * most the budget (from the search's journal, else from its pairs), each one's samples cut to those that fit in
     * what its search spent.
     */
    private Comparison budget(Map<Long, List<ScoredSample>> samples, List<PreferencePair> tree, Map<String, List<PreferencePair>> variants) {
        long budget = options.budget();
        Map<Long, Long> spent = searchCosts(tree);
        Map<Long, List<ScoredSample>> cut = new LinkedHashMap<>();
        long rsTokens = 0;
        long treeTokens = 0;
        int overBudget = 0;
        for (Map.Entry<Long, List<ScoredSample>> e : samples.entrySet()) {
            Long cost = spent.get(e.getKey());
            if (cost == null) continue;
            if (cost > budget) {
                overBudget++;
                continue;
            }
            treeTokens += cost;
            List<ScoredSample> kept = new ArrayList<>();
            long used = 0;
            for (ScoredSample s : e.getValue()) {
                Long tokens = s.sample().completionTokens();
                if (tokens == null) {
                    throw new UserException(scored + ": sample " + e.getKey() + "/" + s.sample().sampleIndex() + " has no completion_tokens (--budget counts them)");
                }
                if (used + tokens > cost) break;
                used += tokens;
                kept.add(s);
            }
            rsTokens += used;
            cut.put(e.getKey(), kept);
        }
        RsStage.Options o = options.pairing();
        List<PreferencePair> rsPairs = o.curate(cut, o.contrast(), null, null).pairs();
        List<PreferencePair> treePairs = tree.stream().filter(p -> cut.containsKey(p.key())).toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("budget_tokens", budget);
        details.put("prompts", cut.size());
        details.put("prompts_over_budget", overBudget);
        details.put("mean_tokens_per_prompt", Map.of("budget-rs", cut.isEmpty() ? 0.0 : (double) rsTokens / cut.size(),
                "budget-mcts", cut.isEmpty() ? 0.0 : (double) treeTokens / cut.size()));
        return compare("budget", List.of("budget-rs", "budget-mcts"), List.of(rsPairs, treePairs), arms -> arms,
                "the prompts (those whose tree search spent at most " + budget + " generated tokens), and the generated tokens per prompt "
                        + "(rejection sampling's first samples within what the search spent)", "the method: rejection sampling or tree search",
                variants, details);
    }

    /**
     * Each searched prompt's generated tokens: from the search's journal beside the pairs file (every prompt searched),
     * else from the pairs (only the prompts that gave one).
     */
    private Map<Long, Long> searchCosts(List<PreferencePair> tree) {
        Map<Long, Long> spent = new HashMap<>();
        Path journal = journalOf(mcts);
        if (Files.exists(journal)) {
            JsonlReader.forEach(journal, row -> spent.put(row.integer("key"), row.integer("generated_tokens")));
            return spent;
        }
        for (PreferencePair p : tree) if (p.promptGeneratedTokens() != null) spent.put(p.key(), p.promptGeneratedTokens());
        return spent;
    }

    private List<PreferencePair> readTree(Path file) {
        List<PreferencePair> pairs = new ArrayList<>();
        JsonlReader.forEach(file, row -> {
            for (String field : List.of("depth", "key")) if (!row.has(field)) throw row.error(field, "is missing (not a jack curate mcts output?)");
            pairs.add(PreferencePair.read(row));
        });
        return pairs;
    }

    /**
     * Drops the prompts that overlap evaluation prompts (by their text: the samples' prompt, the pairs' prompt) from the
     * samples and the tree-search pairs; what it did, or null without decontamination.
     */
    private Map<String, Object> decontaminate(StageContext context, Map<Long, List<ScoredSample>> samples, List<PreferencePair> tree) {
        Decontamination d = options.decontaminate().load(context);
        if (d == null) return null;
        Set<Long> dropped = new TreeSet<>();
        for (Map.Entry<Long, List<ScoredSample>> e : samples.entrySet()) {
            if (d.promptOverlaps(e.getValue().getFirst().sample().prompt())) dropped.add(e.getKey());
        }
        if (tree != null) for (PreferencePair p : tree) if (!dropped.contains(p.key()) && d.promptOverlaps(p.prompt())) dropped.add(p.key());
        samples.keySet().removeAll(dropped);
        if (tree != null) tree.removeIf(p -> dropped.contains(p.key()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eval_sets", options.decontaminate().sets());
        m.put("eval_prompts", d.evalPrompts());
        m.put("ngram", options.decontaminate().ngram());
        m.put("share", options.decontaminate().share());
        m.put("prompts_dropped", dropped.size());
        m.put("dropped_keys", List.copyOf(dropped));
        return m;
    }

    /** Each prompt's pass rates over its samples; empty when some row has no verdicts (a scored file from elsewhere). */
    private static Map<Long, PassRates> measured(Map<Long, List<ScoredSample>> samples) {
        Map<Long, PassRates> rates = new LinkedHashMap<>();
        for (Map.Entry<Long, List<ScoredSample>> e : samples.entrySet()) {
            for (ScoredSample s : e.getValue()) if (s.instructionIds() == null || s.strict() == null || s.loose() == null) return Map.of();
            rates.put(e.getKey(), PassRates.of(e.getValue()));
        }
        return rates;
    }

    /** Each prompt's tier: measured from its pass rates, or the prompts file's prior. */
    private Map<Long, String> tiers(Map<Long, PassRates> rates) {
        if (options.difficultyBy() == DifficultyBy.PRIOR) return prompts == null ? Map.of() : PromptTier.difficulties(prompts);
        Map<Long, String> tiers = new LinkedHashMap<>();
        rates.forEach((key, r) -> tiers.put(key, options.thresholds().tierOf(r.passAt1()).label()));
        return tiers;
    }

    private Map<String, Object> settingsJson() {
        RsStage.Options o = options.pairing();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_pairs", o.maxPairs());
        m.put("min_gap", o.minGap());
        m.put("high_share", o.highShare());
        m.put("seed", o.seed());
        m.put("thinking", Choices.label(o.thinking()));
        m.put("allow_truncated", o.allowTruncated());
        m.put("gap_bin", options.gapBin());
        m.put("prefix_control", Choices.label(options.prefixControl()));
        m.put("match_length", options.matchLength());
        m.put("length_tolerance", options.lengthTolerance());
        m.put("difficulty_by", Choices.label(options.difficultyBy()));
        m.put("difficulty_thresholds", options.thresholds().text());
        m.put("budget", options.budget());
        return m;
    }

    /** A variant's statistics: what its comparison matched (prompts, gaps) and what still differs (rewards, lengths, cost). */
    private Map<String, Object> stats(Path file, String comparison, List<PreferencePair> pairs, Map<Long, PassRates> rates, Map<Long, String> tiers) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("file", file.getFileName().toString());
        s.put("comparison", comparison);
        s.put("pairs", pairs.size());
        s.put("prompts", prompts(pairs));
        s.put("mean_reward_gap", mean(pairs, PreferencePair::rewardGap));
        s.put("mean_chosen_reward", mean(pairs, PreferencePair::chosenReward));
        s.put("mean_rejected_reward", mean(pairs, PreferencePair::rejectedReward));
        s.put("mean_shared_prefix_tokens", mean(pairs, p -> p.sharedPrefixTokens() == null ? 0 : p.sharedPrefixTokens()));
        s.put("mean_chosen_chars", mean(pairs, p -> p.chosen().length()));
        s.put("mean_rejected_chars", mean(pairs, p -> p.rejected().length()));
        s.put("length_bias_chars", mean(pairs, AblateStage::lengthBias));
        s.put("chosen_longer_share", mean(pairs, p -> p.chosen().length() > p.rejected().length() ? 1 : 0));
        Map<String, Integer> byGap = new TreeMap<>();
        for (PreferencePair p : pairs) {
            int bin = Matching.gapBin(p.rewardGap(), options.gapBin());
            byGap.merge(String.format(Locale.ROOT, "[%.2f, %.2f)", bin * options.gapBin(), (bin + 1) * options.gapBin()), 1, Integer::sum);
        }
        s.put("pairs_by_gap_bin", byGap);
        Set<Long> keys = new LinkedHashSet<>();
        for (PreferencePair p : pairs) keys.add(p.key());
        s.put("mean_pass_at_1", rates.isEmpty() || keys.isEmpty() ? null
                : keys.stream().filter(rates::containsKey).mapToDouble(k -> rates.get(k).passAt1()).average().orElse(Double.NaN));
        Map<String, Integer> byTier = new TreeMap<>();
        for (PreferencePair p : pairs) byTier.merge(tiers.getOrDefault(p.key(), "unknown"), 1, Integer::sum);
        s.put("pairs_by_difficulty", byTier);
        Map<Long, Long> cost = new HashMap<>();
        for (PreferencePair p : pairs) if (p.promptGeneratedTokens() != null) cost.put(p.key(), p.promptGeneratedTokens());
        s.put("mean_generated_tokens_per_prompt", cost.isEmpty() ? null : cost.values().stream().mapToLong(Long::longValue).average().orElse(0));
        return s;
    }

    /** Chosen minus rejected length, in characters. */
    private static double lengthBias(PreferencePair p) {
        return p.chosen().length() - p.rejected().length();
    }

    private static int prompts(List<PreferencePair> pairs) {
        return (int) pairs.stream().map(PreferencePair::key).distinct().count();
    }

    private static Double mean(List<PreferencePair> pairs, ToDoubleFunction<PreferencePair> f) {
        return pairs.isEmpty() ? null : pairs.stream().mapToDouble(f).average().orElse(0);
    }
}
