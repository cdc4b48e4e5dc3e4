package dev.jack.judge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * RewardBench-style accuracy over preference pairs. Each pair contributes an outcome: for a scalar
 * scorer 1 if the chosen response scores strictly higher, else 0 (ties are wrong); for a pairwise
 * judge 1 for a win, 0 for a loss, 0.5 for a tie or an unreadable answer; for RewardBench 2, a prompt's best-of-4
 * outcome ({@link RewardBench#bestOf}). Accuracy is reported per subset, per section (the mean of its subsets weighted
 * by their pair counts, or by given counts as RewardBench v1 weighs them) and overall (the mean of sections).
 */
public final class RewardAccuracy {
    private final Map<String, double[]> bySubset = new TreeMap<>();

    /** Scalar scores: correct only when chosen beats rejected. */
    public void addScores(String subset, double chosen, double rejected) {
        add(subset, chosen > rejected ? 1 : 0);
    }

    /** A pairwise judge's outcome: 1 win, 0 loss, 0.5 tie or unreadable (or a best-of-n outcome in [0, 1]). */
    public void add(String subset, double outcome) {
        double[] s = bySubset.computeIfAbsent(subset, k -> new double[2]);
        s[0] += outcome;
        s[1]++;
    }

    /** A subset whose score is computed as a whole (RewardBench 2's Ties) from {@code count} rows. */
    public void put(String subset, double score, int count) {
        bySubset.put(subset, new double[] {score * count, count});
    }

    public Map<String, Double> subsets() {
        Map<String, Double> m = new LinkedHashMap<>();
        bySubset.forEach((k, v) -> m.put(k, v[0] / v[1]));
        return m;
    }

    /**
     * Section → the weighted mean of its subsets' accuracies: each subset weighs its count in {@code weights}, or its
     * pair count when {@code weights} is null or lacks it ({@code calculate_scores_per_section}). Sections none of whose
     * subsets has pairs are left out.
     */
    public Map<String, Double> sections(Map<String, List<String>> sections, Map<String, Integer> weights) {
        Map<String, Double> m = new LinkedHashMap<>();
        sections.forEach((section, subsets) -> {
            double sum = 0;
            double count = 0;
            for (String subset : subsets) {
                double[] s = bySubset.get(subset);
                if (s == null) continue;
                double weight = weights != null && weights.containsKey(subset) ? weights.get(subset) : s[1];
                sum += s[0] / s[1] * weight;
                count += weight;
            }
            if (count > 0) m.put(section, sum / count);
        });
        return m;
    }

    /**
     * The report: {@code overall} (the mean of the sections that have pairs), {@code sections}, {@code subsets},
     * {@code pairs} per subset, and the sections with no pairs ({@code missing_sections}) and subsets in no section
     * ({@code unmapped_subsets}) when there are any.
     */
    public Map<String, Object> report(Map<String, List<String>> sections, Map<String, Integer> weights) {
        Map<String, Double> bySection = sections(sections, weights);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("overall", bySection.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
        r.put("sections", bySection);
        r.put("subsets", subsets());
        Map<String, Integer> counts = new LinkedHashMap<>();
        bySubset.forEach((k, v) -> counts.put(k, (int) v[1]));
        r.put("pairs", counts);
        List<String> missing = sections.keySet().stream().filter(s -> !bySection.containsKey(s)).toList();
        if (!missing.isEmpty()) r.put("missing_sections", missing);
        List<String> unmapped = bySubset.keySet().stream().filter(s -> sections.values().stream().noneMatch(l -> l.contains(s))).toList();
        if (!unmapped.isEmpty()) r.put("unmapped_subsets", unmapped);
        return r;
    }
}
