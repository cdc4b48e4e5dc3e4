package dev.jack.judge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quality of critiques used as rationales.
 *
 * <ul>
 * <li>Evidence: the spans a critique quotes ("..." or “...”, three characters or more) that occur in
 *     the response.</li>
 * <li>Comprehensiveness = p(v | response) − p(v | response without the evidence): how much the verdict
 *     v depends on the cited evidence (higher is better).</li>
 * <li>Sufficiency = p(v | response) − p(v | the evidence alone): how much is lost keeping only the
 *     evidence (lower is better).</li>
 * <li>Leakage-adjusted simulatability (LAS): a simulator (multinomial naive Bayes over words, trained
 *     from scratch with k-fold cross-validation) predicts the verdict from the input, and from the input
 *     plus the critique. A critique "leaks" when the simulator predicts the verdict from the critique
 *     alone. LAS = the mean, over the leaking and the non-leaking groups that are present, of
 *     accuracy(input + critique) − accuracy(input) within the group.</li>
 * </ul>
 * p is the judge's probability of its verdict, supplied by the caller.
 */
public final class RationaleMetrics {
    private RationaleMetrics() {}

    private static final Pattern QUOTE = Pattern.compile("\"([^\"]{3,})\"|“([^”]{3,})”");

    public static List<String> evidence(String critique, String response) {
        List<String> spans = new ArrayList<>();
        Matcher m = QUOTE.matcher(critique);
        while (m.find()) {
            String span = m.group(1) != null ? m.group(1) : m.group(2);
            if (response.contains(span) && !spans.contains(span)) spans.add(span);
        }
        return spans;
    }

    public static double comprehensiveness(ToDoubleFunction<String> p, String response, List<String> evidence) {
        String without = response;
        for (String span : evidence) without = without.replace(span, "");
        return p.applyAsDouble(response) - p.applyAsDouble(without);
    }

    public static double sufficiency(ToDoubleFunction<String> p, String response, List<String> evidence) {
        return p.applyAsDouble(response) - p.applyAsDouble(String.join(" ", evidence));
    }

    /** A critique to measure: the request, the response, the critique and the score it ends with. */
    public record Critiqued(String prompt, String response, String critique, double score) {}

    /**
     * Mean comprehensiveness and sufficiency over the critiques that cite evidence ({@code citing} of them; NaN means
     * when none does), and how many of the judge's answers stated no score (counted as probability 0).
     */
    public record Faithfulness(double comprehensiveness, double sufficiency, int citing, Unreadable unreadable) {}

    /**
     * One critique measured: its comprehensiveness and sufficiency (both null when it quotes no evidence from the
     * response), how many verdict probabilities the judge was asked for, and how many of its answers stated no score.
     */
    public record Measured(Double comprehensiveness, Double sufficiency, int asked, int unreadable) {}

    /** Comprehensiveness and sufficiency of one critique, with p from the judge (an answer without a score counts as 0). */
    public static Measured measure(VerdictProbability judge, Critiqued r) {
        List<String> evidence = evidence(r.critique(), r.response());
        if (evidence.isEmpty()) return new Measured(null, null, 0, 0);
        int[] asked = {0};
        int[] unreadable = {0};
        ToDoubleFunction<String> p = text -> {
            asked[0]++;
            java.util.OptionalDouble v = judge.of(r.prompt(), text, r.score());
            if (v.isEmpty()) unreadable[0]++;
            return v.orElse(0);
        };
        double c = comprehensiveness(p, r.response(), evidence);
        double s = sufficiency(p, r.response(), evidence);
        return new Measured(c, s, asked[0], unreadable[0]);
    }

    /** The means over the measured critiques that cite evidence, and the judge's unreadable answers among all of them. */
    public static Faithfulness faithfulness(List<Measured> rows) {
        List<Measured> citing = rows.stream().filter(m -> m.comprehensiveness() != null).toList();
        return new Faithfulness(citing.stream().mapToDouble(Measured::comprehensiveness).average().orElse(Double.NaN),
                citing.stream().mapToDouble(Measured::sufficiency).average().orElse(Double.NaN), citing.size(),
                new Unreadable("verdict probabilities (the judge's answer stated no score)", rows.stream().mapToLong(Measured::unreadable).sum(),
                        rows.stream().mapToLong(Measured::asked).sum(), "probability 0"));
    }

    /** One example for simulatability: the input the judge saw, its critique, and its verdict label. */
    public record Example(String input, String critique, String label) {}

    /** LAS with k-fold cross-validation (fold of example i = i mod k). */
    public static double leakageAdjustedSimulatability(List<Example> examples, int folds) {
        int n = examples.size();
        String[] withInput = new String[n];
        String[] withBoth = new String[n];
        String[] withCritique = new String[n];
        for (int f = 0; f < folds; f++) {
            NaiveBayes inputOnly = new NaiveBayes();
            NaiveBayes both = new NaiveBayes();
            NaiveBayes critiqueOnly = new NaiveBayes();
            for (int i = 0; i < n; i++) {
                if (i % folds == f) continue;
                Example e = examples.get(i);
                inputOnly.train(e.input(), e.label());
                both.train(e.input() + " " + e.critique(), e.label());
                critiqueOnly.train(e.critique(), e.label());
            }
            for (int i = f; i < n; i += folds) {
                Example e = examples.get(i);
                withInput[i] = inputOnly.predict(e.input());
                withBoth[i] = both.predict(e.input() + " " + e.critique());
                withCritique[i] = critiqueOnly.predict(e.critique());
            }
        }
        double total = 0;
        int groups = 0;
        for (boolean leaking : new boolean[] {true, false}) {
            int count = 0;
            double gain = 0;
            for (int i = 0; i < n; i++) {
                String label = examples.get(i).label();
                if (label.equals(withCritique[i]) != leaking) continue;
                count++;
                gain += (label.equals(withBoth[i]) ? 1 : 0) - (label.equals(withInput[i]) ? 1 : 0);
            }
            if (count > 0) {
                total += gain / count;
                groups++;
            }
        }
        return groups == 0 ? Double.NaN : total / groups;
    }

    /** Multinomial naive Bayes over lowercase words with add-one smoothing; ties go to the alphabetically first label. */
    static final class NaiveBayes {
        private final Map<String, Map<String, Integer>> wordCounts = new HashMap<>();
        private final Map<String, Integer> totals = new HashMap<>();
        private final Map<String, Integer> documents = new HashMap<>();
        private final java.util.Set<String> vocabulary = new java.util.HashSet<>();
        private int documentCount;

        void train(String text, String label) {
            documentCount++;
            documents.merge(label, 1, Integer::sum);
            Map<String, Integer> counts = wordCounts.computeIfAbsent(label, k -> new HashMap<>());
            for (String w : words(text)) {
                counts.merge(w, 1, Integer::sum);
                totals.merge(label, 1, Integer::sum);
                vocabulary.add(w);
            }
        }

        String predict(String text) {
            String best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (String label : new TreeSet<>(documents.keySet())) {
                double score = Math.log(documents.get(label) / (double) documentCount);
                Map<String, Integer> counts = wordCounts.get(label);
                double denominator = totals.getOrDefault(label, 0) + vocabulary.size() + 1;
                for (String w : words(text)) score += Math.log((counts.getOrDefault(w, 0) + 1) / denominator);
                if (score > bestScore + 1e-12) {
                    best = label;
                    bestScore = score;
                }
            }
            return best;
        }

        private static List<String> words(String text) {
            List<String> out = new ArrayList<>();
            for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) if (!w.isEmpty()) out.add(w);
            return out;
        }
    }
}
