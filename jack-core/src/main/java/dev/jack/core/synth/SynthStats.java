package dev.jack.core.synth;

import dev.jack.core.constraint.ifeval.IfevalCatalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a synthesis run made: constraint frequencies, pair coverage, k, categories, tiers, and what it dropped. Parts of a
 * run counted apart (attempt ranges on a cluster) {@link #merge} into the whole run's counts; serializable to travel
 * between the machines of such a run.
 */
public final class SynthStats implements java.io.Serializable {
    private final Map<String, Integer> constraints = new TreeMap<>();
    private final Map<String, Integer> pairs = new TreeMap<>();
    private final Map<Integer, Integer> k = new TreeMap<>();
    private final Map<String, Integer> categories = new TreeMap<>();
    private final Map<String, Integer> difficulties = new TreeMap<>();
    private final Map<String, Integer> dropped = new TreeMap<>();
    private List<String> candidates = Synthesizer.synthesized(IfevalCatalog.SOURCE);
    private int prompts;
    private int duplicates;
    private int contaminated;
    private int outsideTier;
    /** What decontamination was asked for (null: none); written with the counts. Not sent with a part's counts. */
    private transient Map<String, Object> decontamination;
    private transient DifficultyThresholds thresholds;

    /** Counts a prompt made. */
    public void accept(SynthesizedPrompt p) {
        prompts++;
        List<String> ids = p.instructionIds();
        for (String id : ids) constraints.merge(id, 1, Integer::sum);
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) pairs.merge(Synthesizer.pairKey(ids.get(i), ids.get(j)), 1, Integer::sum);
        }
        k.merge(ids.size(), 1, Integer::sum);
        categories.merge(p.task().category(), 1, Integer::sum);
        difficulties.merge(p.difficulty().label(), 1, Integer::sum);
    }

    /** Counts an attempt dropped, by the reason (the constraint its witness failed). */
    public void dropped(String reason) {
        dropped.merge(reason, 1, Integer::sum);
    }

    /** Counts a duplicate prompt skipped. */
    public void duplicate() {
        duplicates++;
    }

    void contaminated() {
        contaminated++;
    }

    void outsideTier() {
        outsideTier++;
    }

    /**
     * Adds another part's counts (of a run split over attempt ranges), which drew from the same constraints; what was
     * asked for (decontamination, tier thresholds) is this one's.
     *
     * @throws IllegalArgumentException when the other part drew from other constraints
     */
    public void merge(SynthStats other) {
        if (!candidates.equals(other.candidates)) throw new IllegalArgumentException("the parts drew from other constraints");
        other.constraints.forEach((key, n) -> constraints.merge(key, n, Integer::sum));
        other.pairs.forEach((key, n) -> pairs.merge(key, n, Integer::sum));
        other.k.forEach((key, n) -> k.merge(key, n, Integer::sum));
        other.categories.forEach((key, n) -> categories.merge(key, n, Integer::sum));
        other.difficulties.forEach((key, n) -> difficulties.merge(key, n, Integer::sum));
        other.dropped.forEach((key, n) -> dropped.merge(key, n, Integer::sum));
        prompts += other.prompts;
        duplicates += other.duplicates;
        contaminated += other.contaminated;
        outsideTier += other.outsideTier;
    }

    /** Records that prompts were checked against evaluation prompts: which and how, and how many base tasks that dropped. */
    public void decontaminating(List<String> evalSets, int evalPrompts, int ngram, double share, int baseTasksDropped) {
        decontamination = new LinkedHashMap<>();
        decontamination.put("eval_sets", evalSets);
        decontamination.put("eval_prompts", evalPrompts);
        decontamination.put("ngram", ngram);
        decontamination.put("share", share);
        decontamination.put("base_tasks_dropped", baseTasksDropped);
    }

    /** Records that tiers were measured with these thresholds. */
    public void measuringTiers(DifficultyThresholds thresholds) {
        this.thresholds = thresholds;
    }

    public int prompts() {
        return prompts;
    }

    public int droppedWithoutWitness() {
        return dropped.values().stream().mapToInt(Integer::intValue).sum();
    }

    public Map<String, Integer> constraintCounts() {
        return constraints;
    }

    public Map<String, Integer> pairCounts() {
        return pairs;
    }

    /** Tells which constraints the run draws from (by default IFEval's synthesized ones), for pair coverage. */
    void drawingFrom(List<String> ids) {
        candidates = List.copyOf(ids);
    }

    /** Every pair of these constraints that may share a prompt (neither declares a conflict with the other), as "a|b". */
    public static List<String> allowedPairs(List<String> ids) {
        List<String> allowed = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                String a = ids.get(i);
                String b = ids.get(j);
                if (Synthesizer.compatible(a, b)) allowed.add(Synthesizer.pairKey(a, b));
            }
        }
        return allowed;
    }

    public double pairCoverage() {
        List<String> allowed = allowedPairs(candidates);
        return (double) allowed.stream().filter(pairs::containsKey).count() / allowed.size();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prompts", prompts);
        m.put("dropped_without_witness", droppedWithoutWitness());
        m.put("dropped_by_failing_constraint", dropped);
        m.put("duplicates_skipped", duplicates);
        m.put("allowed_pair_coverage", pairCoverage());
        m.put("k", new TreeMap<>(k.entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> String.valueOf(e.getKey()), Map.Entry::getValue))));
        m.put("difficulty", difficulties);
        m.put("categories", categories);
        m.put("constraints", constraints);
        m.put("pairs", pairs);
        if (thresholds != null) {
            m.put("difficulty_thresholds", thresholds.text());
            m.put("dropped_outside_difficulty_tier", outsideTier);
        }
        if (decontamination != null) {
            Map<String, Object> d = new LinkedHashMap<>(decontamination);
            d.put("prompts_dropped", contaminated);
            m.put("decontamination", d);
        }
        return m;
    }

    public List<String> reportLines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("prompts: %d   dropped without a witness: %d   duplicates skipped: %d", prompts, droppedWithoutWitness(), duplicates));
        lines.add(String.format("allowed constraint pairs covered: %.1f%% of %d", 100 * pairCoverage(), allowedPairs(candidates).size()));
        lines.add("constraints per prompt: " + k);
        lines.add("difficulty: " + difficulties);
        lines.add("categories: " + categories);
        if (!dropped.isEmpty()) lines.add("dropped, by the constraint the witness failed: " + dropped);
        if (thresholds != null) lines.add("dropped outside the measured difficulty tier (thresholds " + thresholds.text() + "): " + outsideTier);
        if (decontamination != null) {
            lines.add("decontamination against " + decontamination.get("eval_prompts") + " evaluation prompts (" + decontamination.get("ngram")
                    + "-grams): " + decontamination.get("base_tasks_dropped") + " base tasks and " + contaminated + " prompts dropped");
        }
        return lines;
    }
}
