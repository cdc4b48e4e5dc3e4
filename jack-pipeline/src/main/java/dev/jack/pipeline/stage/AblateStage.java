package dev.jack.pipeline.stage;

import dev.jack.core.Choices;
import dev.jack.core.Seeds;
import dev.jack.core.curate.RejectionSampling;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.CurationStats;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.PairFormat;
import dev.jack.core.data.PreferencePair;
import dev.jack.core.data.ScoredSample;
import dev.jack.core.json.PyJson;
import dev.jack.core.text.Thinking;
import dev.jack.pipeline.Inputs;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * {@code jack ablate}: from one run, the dataset variants the study trained on, each a TRL pairs file in
 * {@code outDir}, with their statistics in {@code ablations.json}: contrast (rejection sampling with high, low and
 * mixed contrast, made by the same function and options as {@code jack curate rs}), shared prefixes (tree-search
 * pairs that share one against high-contrast pairs that do not, at equal pair count), and prompt difficulty (the
 * high-contrast pairs split by the prompts' tier, one variant per tier the prompts have). A variant that comes out
 * empty is still written and listed, with 0 pairs.
 */
public record AblateStage(Path scored, Path mcts, Path prompts, Path outDir, Options options) implements Stage {
    /** The rejection-sampling options every contrast variant shares (its contrast is the variant's), the format and Parquet. */
    public record Options(RsStage.Options pairing) {
        /** Pairs per prompt, smallest gap, share of high contrast when mixed, seed, format, Parquet, thinking, flawed samples choosable. */
        public static Options of(int maxPairs, double minGap, double highShare, long seed, PairFormat format, boolean parquet, Thinking thinking,
                                 boolean allowTruncated) {
            return new Options(new RsStage.Options(RejectionSampling.Contrast.HIGH, highShare, minGap, maxPairs, seed, format, parquet, null,
                    thinking, allowTruncated));
        }
    }

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
        return Inputs.of(scored, mcts, prompts);
    }

    @Override
    public List<Path> outputs() {
        return List.of(outDir);
    }

    @Override
    public Status run(StageContext context) {
        RsStage.Options o = options.pairing();
        Map<Long, List<ScoredSample>> samples = RsStage.readScored(scored);
        Map<String, List<PreferencePair>> variants = new LinkedHashMap<>();
        CurationStats excluded = null;
        for (RejectionSampling.Contrast c : RejectionSampling.Contrast.values()) {
            RejectionSampling.Curated curated = o.curate(samples, c, null, null);
            variants.put("contrast-" + Choices.label(c), curated.pairs());
            excluded = curated.stats(c);
        }
        List<PreferencePair> high = variants.get("contrast-high");
        if (mcts != null) {
            List<PreferencePair> shared = new ArrayList<>();
            JsonlReader.forEach(mcts, row -> {
                if (!row.has("depth")) throw row.error("depth", "is missing (not a jack curate mcts output?)");
                PreferencePair p = PreferencePair.read(row);
                if (p.depth() > 0) shared.add(p);
            });
            int n = Math.min(shared.size(), high.size());
            variants.put("prefix-shared", subset(shared, n, o.seed()));
            variants.put("prefix-none", subset(high, n, o.seed() + 1));
        }
        Map<Long, String> tiers = prompts == null ? Map.of() : PromptTier.difficulties(prompts);
        // Every tier the prompts have, easy to hard, gets a variant, even one without a high-contrast pair.
        for (String tier : PromptTier.order(tiers.values())) {
            variants.put("difficulty-" + tier, high.stream().filter(p -> tier.equals(tiers.get(p.key()))).toList());
        }

        Map<String, Object> summary = new LinkedHashMap<>();
        for (Map.Entry<String, List<PreferencePair>> v : variants.entrySet()) {
            Path file = outDir.resolve(v.getKey() + ".jsonl");
            Pairs.write(file, v.getValue(), o.format(), o.parquet());
            summary.put(v.getKey(), stats(file, v.getValue(), tiers));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> source = new LinkedHashMap<>();
        // File names only, so that the same run in another folder gives the same file.
        source.put("scored", scored.getFileName().toString());
        source.put("mcts", mcts == null ? null : mcts.getFileName().toString());
        source.put("prompts", prompts == null ? null : prompts.getFileName().toString());
        doc.put("source", source);
        // The same samples are screened for every contrast variant.
        doc.put("excluded_from_chosen", excluded.excluded());
        doc.put("variants", summary);
        AtomicFiles.write(outDir.resolve("ablations.json"), PyJson.dumps(doc) + "\n");
        PrintWriter console = context.out();
        variants.forEach((name, pairs) -> console.printf("  %-22s %5d pairs%s%n", name, pairs.size(), pairs.isEmpty() ? " (empty)" : ""));
        console.println(RsStage.excludedLine(excluded, "samples", o.allowTruncated()));
        if (mcts == null) console.println("  (no --mcts: the shared-prefix variants are left out)");
        if (tiers.isEmpty()) console.println("  (no prompts with a difficulty: the tier variants are left out)");
        console.printf("wrote %d variants and %s%n", summary.size(), outDir.resolve("ablations.json"));
        return Status.DONE;
    }

    /** n pairs drawn by the seed, kept in their original order. */
    private static List<PreferencePair> subset(List<PreferencePair> pairs, int n, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) order.add(i);
        Collections.shuffle(order, Seeds.shuffler(seed));
        List<Integer> kept = new ArrayList<>(order.subList(0, n));
        Collections.sort(kept);
        return kept.stream().map(pairs::get).toList();
    }

    private static Map<String, Object> stats(Path file, List<PreferencePair> pairs, Map<Long, String> tiers) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("file", file.getFileName().toString());
        s.put("pairs", pairs.size());
        s.put("prompts", (int) pairs.stream().map(PreferencePair::key).distinct().count());
        s.put("mean_reward_gap", mean(pairs, PreferencePair::rewardGap));
        s.put("mean_chosen_reward", mean(pairs, PreferencePair::chosenReward));
        s.put("mean_rejected_reward", mean(pairs, PreferencePair::rejectedReward));
        s.put("mean_shared_prefix_tokens", mean(pairs, p -> p.sharedPrefixTokens() == null ? 0 : p.sharedPrefixTokens()));
        Map<String, Integer> byTier = new TreeMap<>();
        for (PreferencePair p : pairs) byTier.merge(tiers.getOrDefault(p.key(), "unknown"), 1, Integer::sum);
        s.put("pairs_by_difficulty", byTier);
        return s;
    }

    private static Double mean(List<PreferencePair> pairs, ToDoubleFunction<PreferencePair> f) {
        return pairs.isEmpty() ? null : pairs.stream().mapToDouble(f).average().orElse(0);
    }
}
