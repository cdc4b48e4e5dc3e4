package dev.jack.judge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * RewardBench-style accuracy over preference pairs. Each pair contributes an outcome: for a scalar
 * scorer 1 if the chosen response scores strictly higher, else 0 (ties are wrong); for a pairwise
 * judge 1 for a win, 0 for a loss, 0.5 for a tie or an unreadable answer. Accuracy is reported per
 * subset, per section (the example-weighted mean of its subsets) and overall (the mean of sections).
 */
public final class RewardAccuracy {
    private final Map<String, double[]> bySubset = new TreeMap<>();

    /** Scalar scores: correct only when chosen beats rejected. */
    public void addScores(String subset, double chosen, double rejected) {
        add(subset, chosen > rejected ? 1 : 0);
    }

    /** A pairwise judge's outcome: 1 win, 0 loss, 0.5 tie or unreadable. */
    public void add(String subset, double outcome) {
        double[] s = bySubset.computeIfAbsent(subset, k -> new double[2]);
        s[0] += outcome;
        s[1]++;
    }

    public Map<String, Double> subsets() {
        Map<String, Double> m = new LinkedHashMap<>();
        bySubset.forEach((k, v) -> m.put(k, v[0] / v[1]));
        return m;
    }

    /** Section → example-weighted mean over its subsets (subsets with no pairs are skipped). */
    public Map<String, Double> sections(Map<String, List<String>> sections) {
        Map<String, Double> m = new LinkedHashMap<>();
        sections.forEach((section, subsets) -> {
            double sum = 0;
            double count = 0;
            for (String subset : subsets) {
                double[] s = bySubset.get(subset);
                if (s != null) {
                    sum += s[0];
                    count += s[1];
                }
            }
            if (count > 0) m.put(section, sum / count);
        });
        return m;
    }

    public double overall(Map<String, List<String>> sections) {
        return sections(sections).values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    public Map<String, Object> report(Map<String, List<String>> sections) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("overall", overall(sections));
        r.put("sections", sections(sections));
        r.put("subsets", subsets());
        Map<String, Integer> counts = new LinkedHashMap<>();
        bySubset.forEach((k, v) -> counts.put(k, (int) v[1]));
        r.put("pairs", counts);
        return r;
    }
}
