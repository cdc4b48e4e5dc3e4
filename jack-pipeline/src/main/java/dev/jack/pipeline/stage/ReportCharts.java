package dev.jack.pipeline.stage;

import dev.jack.core.data.CurationStats;
import dev.jack.core.data.PassRates;
import dev.jack.core.data.PreferencePair;
import dev.jack.core.data.ScoredSample;
import dev.jack.core.synth.Difficulty;
import dev.jack.core.synth.DifficultyThresholds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleToIntFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The numbers behind {@code jack report}'s table and charts, computed from the input files; the page only draws
 * them. Each chart has axis titles, bar labels (bins are labelled by their range), and series of one value per label
 * (null where a series has no value), each with the count behind it.
 */
public final class ReportCharts {
    private ReportCharts() {}

    /**
     * One pairs file: its name, method, pairs, and its stats file where there is one; {@code covered} are the prompts
     * its method worked on (see {@link #runs}).
     */
    public record Run(String name, String method, List<PreferencePair> pairs, CurationStats stats, List<PromptTier> covered) {
        /** Prompts the method worked on: as its stats say, else those it covered. */
        public int prompts() {
            return stats != null && stats.prompts() != null ? stats.prompts() : covered.size();
        }

        public Integer withoutPair() {
            return stats == null ? null : stats.promptsWithoutPair();
        }

        public Double pairsPerPrompt() {
            return prompts() == 0 ? null : (double) pairs.size() / prompts();
        }

        /** LLM calls per pair: from the stats, else summed over the prompts the pairs record. */
        public Double callsPerPair() {
            if (stats != null && stats.llmCallsPerPair() != null) return stats.llmCallsPerPair();
            return perPair(PreferencePair::promptLlmCalls);
        }

        /** Generated tokens per pair: from the stats, else summed over the prompts the pairs record. */
        public Double tokensPerPair() {
            if (stats != null && stats.generatedTokensPerPair() != null) return stats.generatedTokensPerPair();
            return perPair(PreferencePair::promptGeneratedTokens);
        }

        private Double perPair(Function<PreferencePair, Long> cost) {
            if (pairs.isEmpty() || cost.apply(pairs.getFirst()) == null) return null;
            Map<Long, Long> perPrompt = new HashMap<>();
            for (PreferencePair p : pairs) perPrompt.put(p.key(), cost.apply(p));
            return perPrompt.values().stream().mapToDouble(v -> v == null ? 0 : v).sum() / pairs.size();
        }
    }

    /**
     * The runs of these pairs files, with the prompts each one covered: with a stats file, the first {@code prompts} of
     * the prompts file (a tree search with {@code --limit N} searches the first N; rejection sampling counts every
     * prompt that was sampled); without one, every prompt of the file; without a prompts file, the prompts its pairs
     * name. So the table's prompt counts and the pairs-per-prompt chart use the same denominators.
     */
    public static Run run(String name, List<PreferencePair> pairs, CurationStats stats, List<PromptTier> prompts) {
        String method = pairs.isEmpty() ? (stats == null ? "?" : String.valueOf(stats.method())) : String.valueOf(pairs.getFirst().method());
        List<PromptTier> covered;
        if (prompts.isEmpty()) {
            covered = pairs.stream().map(PreferencePair::key).distinct().map(k -> new PromptTier(k == null ? -1 : k, null)).toList();
        } else if (stats != null && stats.prompts() != null && stats.prompts() <= prompts.size()) {
            covered = prompts.subList(0, stats.prompts());
        } else {
            covered = prompts;
        }
        return new Run(name, method, pairs, stats, covered);
    }

    /** A series: its name, how many items it counts (responses, pairs, prompts; null where it does not apply), its values and what each value is. */
    public record Series(String name, Integer n, List<Double> values, List<String> details) {
        Series(String name, Integer n, List<Double> values) {
            this(name, n, values, null);
        }
    }

    /**
     * A chart: axis titles, bar labels, series, whether the values are shares in [0, 1] (the axis then ends at 1), and
     * what to say when there is nothing to draw.
     */
    public record Chart(String xTitle, String yTitle, List<String> labels, List<Series> series, boolean shares, String empty) {
        Map<String, Object> toJson() {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("xTitle", xTitle);
            c.put("yTitle", yTitle);
            c.put("shares", shares);
            c.put("labels", labels);
            List<Object> s = new ArrayList<>();
            for (Series one : series) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", one.name());
                m.put("n", one.n());
                m.put("values", one.values());
                m.put("details", one.details());
                s.add(m);
            }
            c.put("series", s);
            c.put("empty", empty);
            return c;
        }
    }

    private static final String NO_PAIRS = "no pairs in these files";

    /** Reward bins: [0.0, 0.1), ..., [0.9, 1.0), and 1.0 alone. */
    static List<String> rewardBins() {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 10; i++) labels.add(String.format(Locale.ROOT, "[%.1f, %.1f)", i / 10.0, (i + 1) / 10.0));
        labels.add("1.0");
        return labels;
    }

    /** Reward-gap bins: (0.0, 0.1], ..., (0.9, 1.0] (a pair's gap is never 0). */
    static List<String> gapBins() {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 10; i++) labels.add(String.format(Locale.ROOT, "(%.1f, %.1f]", i / 10.0, (i + 1) / 10.0));
        return labels;
    }

    /** Shares of items per bin (null for every bin when there are no items). */
    static <T> List<Double> shares(List<T> items, ToDoubleFunction<T> value, DoubleToIntFunction bin, int bins) {
        double[] counts = new double[bins];
        for (T item : items) counts[bin.applyAsInt(value.applyAsDouble(item))]++;
        List<Double> out = new ArrayList<>();
        for (double c : counts) out.add(items.isEmpty() ? null : c / items.size());
        return out;
    }

    /** Rewards in tenths, 1.0 alone in the last bin. */
    static int rewardBin(double r) {
        return Math.min(10, Math.max(0, (int) Math.floor(r * 10 + 1e-9)));
    }

    /** Gaps in tenths, upper ends included. */
    static int gapBin(double gap) {
        return Math.min(9, Math.max(0, (int) Math.ceil(gap * 10 - 1e-9) - 1));
    }

    /** The reward distribution: all samples, and the chosen and rejected responses of each run. */
    public static Chart rewards(List<Run> runs, List<ScoredSample> scored) {
        List<Series> series = new ArrayList<>();
        if (!scored.isEmpty()) series.add(new Series("samples", scored.size(), shares(scored, ScoredSample::reward, ReportCharts::rewardBin, 11)));
        for (Run run : runs) {
            series.add(new Series("chosen · " + run.name(), run.pairs().size(), shares(run.pairs(), PreferencePair::chosenReward, ReportCharts::rewardBin, 11)));
            series.add(new Series("rejected · " + run.name(), run.pairs().size(), shares(run.pairs(), PreferencePair::rejectedReward, ReportCharts::rewardBin, 11)));
        }
        return new Chart("reward", "share of responses", rewardBins(), series, true, "no rewards: give --scored or pairs with rewards");
    }

    /** Strict and loose pass rate of each constraint id (category kept) over the scored samples, with the checks behind each. */
    public static Chart passRates(List<ScoredSample> scored) {
        Map<String, int[]> counts = new TreeMap<>();
        int samples = 0;
        for (ScoredSample s : scored) {
            if (s.instructionIds() == null || s.strict() == null || s.loose() == null) continue;
            samples++;
            for (int i = 0; i < s.instructionIds().size(); i++) {
                int[] c = counts.computeIfAbsent(s.instructionIds().get(i), k -> new int[3]);
                c[0]++;
                if (Boolean.TRUE.equals(s.strict().get(i))) c[1]++;
                if (Boolean.TRUE.equals(s.loose().get(i))) c[2]++;
            }
        }
        List<String> labels = new ArrayList<>();
        List<Double> strict = new ArrayList<>();
        List<Double> loose = new ArrayList<>();
        List<String> strictDetails = new ArrayList<>();
        List<String> looseDetails = new ArrayList<>();
        counts.forEach((id, c) -> {
            labels.add(id + " (n=" + c[0] + ")");
            strict.add((double) c[1] / c[0]);
            loose.add((double) c[2] / c[0]);
            strictDetails.add(c[1] + " of " + c[0] + " passed");
            looseDetails.add(c[2] + " of " + c[0] + " passed");
        });
        return new Chart("constraint (n = responses it was checked on)", "pass rate", labels,
                List.of(new Series("strict", samples, strict, strictDetails), new Series("loose", samples, loose, looseDetails)), true,
                "give --scored (jack score output) for pass rates");
    }

    private static Chart histogram(List<Run> runs, ToDoubleFunction<PreferencePair> value, DoubleToIntFunction bin, List<String> labels, String xTitle) {
        List<Series> series = new ArrayList<>();
        for (Run run : runs) series.add(new Series(run.name(), run.pairs().size(), shares(run.pairs(), value, bin, labels.size())));
        return new Chart(xTitle, "share of pairs", labels, series, true, NO_PAIRS);
    }

    /** The reward gap of each pair, in tenths. */
    public static Chart contrast(List<Run> runs) {
        return histogram(runs, PreferencePair::rewardGap, ReportCharts::gapBin, gapBins(), "reward gap (chosen − rejected)");
    }

    /** Shared-prefix lengths in tokens: 0, then bins 16 tokens wide. */
    public static Chart prefix(List<Run> runs) {
        int width = 16;
        int maxTokens = 0;
        for (Run run : runs) for (PreferencePair p : run.pairs()) maxTokens = Math.max(maxTokens, tokens(p));
        int bins = 1 + (maxTokens + width - 1) / width;
        List<String> labels = new ArrayList<>(List.of("0"));
        for (int b = 1; b < bins; b++) labels.add(((b - 1) * width + 1) + "–" + (b * width));
        return histogram(runs, ReportCharts::tokens, t -> t == 0 ? 0 : 1 + ((int) t - 1) / width, labels, "shared prefix (tokens)");
    }

    private static int tokens(PreferencePair p) {
        return p.sharedPrefixTokens() == null ? 0 : p.sharedPrefixTokens();
    }

    /**
     * Pairs per prompt in each difficulty tier, each run divided by the prompts of that tier it covered; the tiers are
     * those of {@code prompts} (the prompts file's prior, or measured ones).
     */
    public static Chart difficulty(List<Run> runs, List<PromptTier> prompts) {
        Set<String> tiers = new HashSet<>();
        Map<Long, String> tierOfKey = new HashMap<>();
        for (PromptTier p : prompts) {
            tiers.add(tier(p));
            tierOfKey.put(p.key(), tier(p));
        }
        List<String> labels = prompts.isEmpty() ? List.of("all") : PromptTier.order(tiers);
        List<Series> series = new ArrayList<>();
        for (Run run : runs) {
            Map<Long, String> tierOf = new HashMap<>();
            Map<String, Integer> promptsPerTier = new HashMap<>();
            for (PromptTier p : run.covered()) {
                String tier = prompts.isEmpty() ? "all" : tierOfKey.getOrDefault(p.key(), "unknown");
                tierOf.put(p.key(), tier);
                promptsPerTier.merge(tier, 1, Integer::sum);
            }
            Map<String, Integer> pairsPerTier = new HashMap<>();
            for (PreferencePair p : run.pairs()) pairsPerTier.merge(tierOf.getOrDefault(p.key(), "unknown"), 1, Integer::sum);
            List<Double> values = new ArrayList<>();
            List<String> details = new ArrayList<>();
            for (String t : labels) {
                int n = promptsPerTier.getOrDefault(t, 0);
                int pairs = pairsPerTier.getOrDefault(t, 0);
                values.add(n == 0 ? null : (double) pairs / n);
                details.add(pairs + " pairs / " + n + " prompts");
            }
            series.add(new Series(run.name(), run.prompts(), values, details));
        }
        return new Chart("difficulty tier", "pairs per prompt", labels, series, false, NO_PAIRS);
    }

    private static String tier(PromptTier p) {
        return p.difficulty() == null ? "unknown" : p.difficulty();
    }

    /** LLM calls and generated tokens (thousands) per pair, one group per run. */
    public static Chart cost(List<Run> runs) {
        List<Double> calls = new ArrayList<>();
        List<Double> kiloTokens = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Run run : runs) {
            labels.add(run.name() + " (" + run.pairs().size() + " pairs)");
            calls.add(run.callsPerPair());
            Double t = run.tokensPerPair();
            kiloTokens.add(t == null ? null : t / 1000);
        }
        return new Chart("pairs file", "per pair", labels,
                List.of(new Series("LLM calls per pair", null, calls), new Series("generated tokens per pair (thousands)", null, kiloTokens)), false,
                runs.stream().allMatch(r -> r.pairs().isEmpty()) ? "no pairs, so no cost per pair"
                        : "the pairs record no LLM calls or tokens and there is no stats file beside them");
    }

    /**
     * The prompts' measured difficulty: the share of prompts per pass@1 bin (tenths, 1.0 alone), one series per tier
     * the thresholds give.
     */
    public static Chart passAt1(List<PassRates> rates, DifficultyThresholds thresholds) {
        List<Series> series = new ArrayList<>();
        for (Difficulty tier : List.of(Difficulty.EASY, Difficulty.MODERATE, Difficulty.HARD)) {
            List<PassRates> in = rates.stream().filter(r -> thresholds.tierOf(r.passAt1()) == tier).toList();
            List<Double> values = new ArrayList<>();
            for (Double share : shares(in, PassRates::passAt1, ReportCharts::rewardBin, 11)) {
                values.add(share == null || share == 0 ? null : share * in.size() / rates.size());
            }
            series.add(new Series(tier.label(), in.size(), values));
        }
        return new Chart("pass@1 over the prompt's samples (strict; tiers by " + thresholds.text() + ")", "share of prompts", rewardBins(), series,
                true, "give --scored (jack score output) for measured difficulty");
    }

    /** The tier each prompt's measured pass@1 falls in, for {@link #difficulty}. */
    public static List<PromptTier> measuredTiers(List<PassRates> rates, DifficultyThresholds thresholds) {
        return rates.stream().map(r -> new PromptTier(r.key(), thresholds.tierOf(r.passAt1()).label())).toList();
    }
}
