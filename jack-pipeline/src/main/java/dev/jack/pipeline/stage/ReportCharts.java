package dev.jack.pipeline.stage;

import dev.jack.core.data.CurationStats;
import dev.jack.core.data.PreferencePair;
import dev.jack.core.data.ScoredSample;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleToIntFunction;
import java.util.function.ToDoubleFunction;

/**
 * The numbers behind {@code jack report}'s charts and table, computed from the input files (the page only draws
 * them). Each chart has bar labels and one or more series of values per label (null where a series has no value).
 */
public final class ReportCharts {
    private ReportCharts() {}

    /** One pairs file: its name, method, pairs, and its stats file where there is one. */
    public record Run(String name, String method, List<PreferencePair> pairs, CurationStats stats) {
        /** Prompts the method worked on: from the stats, else the prompts its pairs came from. */
        public int prompts() {
            return stats != null && stats.prompts() != null ? stats.prompts() : (int) pairs.stream().map(PreferencePair::key).distinct().count();
        }

        public Integer withoutPair() {
            return stats == null ? null : stats.promptsWithoutPair();
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

        private Double perPair(java.util.function.Function<PreferencePair, Long> cost) {
            if (pairs.isEmpty() || cost.apply(pairs.getFirst()) == null) return null;
            Map<Long, Long> perPrompt = new HashMap<>();
            for (PreferencePair p : pairs) perPrompt.put(p.key(), cost.apply(p));
            return perPrompt.values().stream().mapToDouble(v -> v == null ? 0 : v).sum() / pairs.size();
        }
    }

    /** A series of a chart: its name and one value per label. */
    public record Series(String name, List<Double> values) {}

    /** A chart: bar labels, series, and what to say when there is nothing to draw. */
    public record Chart(List<String> labels, List<Series> series, String empty) {
        Map<String, Object> toJson() {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("labels", labels);
            List<Object> s = new ArrayList<>();
            for (Series one : series) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", one.name());
                m.put("values", one.values());
                s.add(m);
            }
            c.put("series", s);
            c.put("empty", empty);
            return c;
        }
    }

    /** Labels 0.1, 0.2, ... 1.0 (or 0.0 ... 1.0 when {@code from} is 0). */
    static List<String> tenths(int from) {
        List<String> labels = new ArrayList<>();
        for (int i = from; i <= 10; i++) labels.add(String.format(Locale.ROOT, "%.1f", i / 10.0));
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

    /** The reward distribution: all samples, and the chosen and rejected responses of each run. */
    public static Chart rewards(List<Run> runs, List<ScoredSample> scored) {
        List<Series> series = new ArrayList<>();
        if (!scored.isEmpty()) series.add(new Series("samples", shares(scored, ScoredSample::reward, ReportCharts::rewardBin, 11)));
        for (Run run : runs) {
            series.add(new Series("chosen · " + run.name(), shares(run.pairs(), PreferencePair::chosenReward, ReportCharts::rewardBin, 11)));
            series.add(new Series("rejected · " + run.name(), shares(run.pairs(), PreferencePair::rejectedReward, ReportCharts::rewardBin, 11)));
        }
        return new Chart(tenths(0), series, "no rewards");
    }

    /** Strict and loose pass rate of each constraint id over the scored samples. */
    public static Chart passRates(List<ScoredSample> scored) {
        Map<String, int[]> counts = new TreeMap<>();
        for (ScoredSample s : scored) {
            if (s.instructionIds() == null || s.strict() == null || s.loose() == null) continue;
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
        counts.forEach((id, c) -> {
            labels.add(id.substring(id.indexOf(':') + 1));
            strict.add((double) c[1] / c[0]);
            loose.add((double) c[2] / c[0]);
        });
        return new Chart(labels, List.of(new Series("strict", strict), new Series("loose", loose)), "give --scored (jack score output) for pass rates");
    }

    private static Chart histogram(List<Run> runs, ToDoubleFunction<PreferencePair> value, DoubleToIntFunction bin, List<String> labels, String empty) {
        List<Series> series = new ArrayList<>();
        for (Run run : runs) series.add(new Series(run.name(), shares(run.pairs(), value, bin, labels.size())));
        return new Chart(labels, series, empty);
    }

    /** The reward gap of each pair, in tenths (0.1 holds gaps up to 0.1). */
    public static Chart contrast(List<Run> runs) {
        return histogram(runs, PreferencePair::rewardGap, gap -> Math.min(9, Math.max(0, (int) Math.ceil(gap * 10 - 1e-9) - 1)), tenths(1), "no pairs");
    }

    /** Shared-prefix lengths in tokens: 0, then bins 16 tokens wide. */
    public static Chart prefix(List<Run> runs) {
        int width = 16;
        int maxTokens = 0;
        for (Run run : runs) for (PreferencePair p : run.pairs()) maxTokens = Math.max(maxTokens, tokens(p));
        int bins = 1 + (maxTokens + width - 1) / width;
        List<String> labels = new ArrayList<>(List.of("0"));
        for (int b = 1; b < bins; b++) labels.add(((b - 1) * width + 1) + "–" + (b * width));
        return histogram(runs, ReportCharts::tokens, t -> t == 0 ? 0 : 1 + ((int) t - 1) / width, labels, "no pairs");
    }

    private static int tokens(PreferencePair p) {
        return p.sharedPrefixTokens() == null ? 0 : p.sharedPrefixTokens();
    }

    /** Pairs per prompt in each difficulty tier, for each run. */
    public static Chart difficulty(List<Run> runs, List<PromptTier> prompts) {
        Map<Long, String> tier = new LinkedHashMap<>();
        for (PromptTier p : prompts) tier.put(p.key(), p.difficulty() == null ? "unknown" : p.difficulty());
        List<String> labels = new ArrayList<>();
        for (String t : List.of("easy", "moderate", "hard")) if (tier.containsValue(t)) labels.add(t);
        tier.values().stream().filter(t -> !labels.contains(t)).distinct().sorted().forEach(labels::add);
        if (labels.isEmpty()) labels.add("all");
        Map<String, Integer> promptsPerTier = new HashMap<>();
        tier.values().forEach(t -> promptsPerTier.merge(t, 1, Integer::sum));
        List<Series> series = new ArrayList<>();
        for (Run run : runs) {
            Map<String, Integer> pairsPerTier = new HashMap<>();
            for (PreferencePair p : run.pairs()) pairsPerTier.merge(tier.isEmpty() ? "all" : tier.getOrDefault(p.key(), "unknown"), 1, Integer::sum);
            List<Double> values = new ArrayList<>();
            for (String t : labels) {
                int n = tier.isEmpty() ? run.prompts() : promptsPerTier.getOrDefault(t, 0);
                values.add(n == 0 ? null : (double) pairsPerTier.getOrDefault(t, 0) / n);
            }
            series.add(new Series(run.name(), values));
        }
        return new Chart(labels, series, "no pairs");
    }

    /** LLM calls and generated tokens (thousands) per pair, one group per run. */
    public static Chart cost(List<Run> runs) {
        List<Double> calls = new ArrayList<>();
        List<Double> kiloTokens = new ArrayList<>();
        for (Run run : runs) {
            calls.add(run.callsPerPair());
            Double t = run.tokensPerPair();
            kiloTokens.add(t == null ? null : t / 1000);
        }
        return new Chart(runs.stream().map(Run::name).toList(),
                List.of(new Series("LLM calls per pair", calls), new Series("generated tokens per pair (thousands)", kiloTokens)),
                "no cost figures (curate with this version of jack)");
    }
}
