package dev.jack.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One prompt's measured difficulty: how often its n scored samples followed all its constraints and each one, a row of
 * {@code jack score}'s {@code SCORED.pass_rates.jsonl}. pass@1 is the unbiased estimate c/n (c of n samples passed) and
 * pass@n is 1 when any sample passed, else 0 (Chen et al. 2021's estimator at k = 1 and k = n); both strict and loose,
 * for the whole prompt and per constraint (lists in {@code instruction_id_list} order). JSON fields, in file order:
 * {@code key}, {@code instruction_id_list}, {@code samples}, {@code passed}, {@code passed_loose}, {@code pass_at_1},
 * {@code pass_at_n}, {@code pass_at_1_loose}, {@code pass_at_n_loose}, {@code constraint_passed},
 * {@code constraint_passed_loose}, {@code constraint_pass_at_1}, {@code constraint_pass_at_1_loose},
 * {@code mean_reward}.
 *
 * @param constraintPassed      per constraint, how many samples followed it (strict)
 * @param constraintPassedLoose the same, loose
 */
public record PassRates(long key, List<String> instructionIds, int samples, int passed, int passedLoose, List<Integer> constraintPassed,
                        List<Integer> constraintPassedLoose, double meanReward) {

    /**
     * The pass rates of one prompt's scored samples (all with the same key and constraints).
     *
     * @throws IllegalArgumentException when there are no samples or a sample has no verdicts
     */
    public static PassRates of(List<ScoredSample> samples) {
        if (samples.isEmpty()) throw new IllegalArgumentException("no samples");
        Counts counts = new Counts(samples.getFirst());
        for (ScoredSample s : samples) counts.add(s);
        return counts.rates();
    }

    /**
     * One prompt's pass rates counted as its samples come, so that a long scoring run keeps counts, not samples
     * ({@link #of} of the samples added, in the order added).
     */
    public static final class Counts {
        private final long key;
        private final List<String> ids;
        private final int[] strict;
        private final int[] loose;
        private int samples;
        private int passed;
        private int passedLoose;
        private double rewards;

        /** Counts for the prompt of this first sample (its key and constraint ids), with no sample added yet. */
        public Counts(ScoredSample first) {
            key = first.sample().key();
            ids = first.instructionIds() == null ? List.of() : first.instructionIds();
            strict = new int[ids.size()];
            loose = new int[ids.size()];
        }

        /**
         * Adds a sample of the prompt.
         *
         * @throws IllegalArgumentException when it has no verdicts for the prompt's constraints
         */
        public void add(ScoredSample s) {
            if (s.strict() == null || s.loose() == null || s.strict().size() != ids.size() || s.loose().size() != ids.size()) {
                throw new IllegalArgumentException("sample " + s.sample().key() + "/" + s.sample().sampleIndex() + " has no verdicts for its constraints");
            }
            for (int i = 0; i < ids.size(); i++) {
                if (s.strict().get(i)) strict[i]++;
                if (s.loose().get(i)) loose[i]++;
            }
            if (!s.strict().contains(false)) passed++;
            if (!s.loose().contains(false)) passedLoose++;
            rewards += s.reward();
            samples++;
        }

        /**
         * The pass rates of the samples added.
         *
         * @throws IllegalArgumentException when none was added
         */
        public PassRates rates() {
            if (samples == 0) throw new IllegalArgumentException("no samples");
            return new PassRates(key, ids, samples, passed, passedLoose, boxed(strict), boxed(loose), rewards / samples);
        }
    }

    private static List<Integer> boxed(int[] counts) {
        List<Integer> out = new ArrayList<>(counts.length);
        for (int c : counts) out.add(c);
        return List.copyOf(out);
    }

    /** The share of samples that followed every constraint (strict): the pass@1 estimate. */
    public double passAt1() {
        return (double) passed / samples;
    }

    /** 1 when some sample followed every constraint (strict), else 0. */
    public double passAtN() {
        return passed > 0 ? 1 : 0;
    }

    /** The rows of a pass-rates file. */
    public static List<PassRates> readAll(Path file) {
        return JsonlReader.readAll(file, PassRates::read);
    }

    /** Reads one row; errors name the file, line and field. */
    public static PassRates read(JsonlReader.Row row) {
        List<String> ids = row.optionalStrings("instruction_id_list");
        if (ids == null) throw row.error("instruction_id_list", "is missing (not a jack score pass-rates file?)");
        return new PassRates(row.integer("key"), ids, Math.toIntExact(row.integer("samples")), Math.toIntExact(row.integer("passed")),
                Math.toIntExact(row.integer("passed_loose")), counts(row, "constraint_passed", ids.size()), counts(row, "constraint_passed_loose", ids.size()),
                row.number("mean_reward"));
    }

    private static List<Integer> counts(JsonlReader.Row row, String field, int size) {
        List<?> values = row.list(field);
        if (values.size() != size) throw row.error(field, "has " + values.size() + " entries but instruction_id_list has " + size);
        List<Integer> out = new ArrayList<>(size);
        for (Object v : values) {
            if (!(v instanceof Long n)) throw row.error(field, "must hold whole numbers");
            out.add(Math.toIntExact(n));
        }
        return List.copyOf(out);
    }

    /** The row as JSON fields, in file order. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("instruction_id_list", instructionIds);
        m.put("samples", samples);
        m.put("passed", passed);
        m.put("passed_loose", passedLoose);
        m.put("pass_at_1", passAt1());
        m.put("pass_at_n", passAtN());
        m.put("pass_at_1_loose", (double) passedLoose / samples);
        m.put("pass_at_n_loose", passedLoose > 0 ? 1.0 : 0.0);
        m.put("constraint_passed", constraintPassed);
        m.put("constraint_passed_loose", constraintPassedLoose);
        m.put("constraint_pass_at_1", constraintPassed.stream().map(c -> (double) c / samples).toList());
        m.put("constraint_pass_at_1_loose", constraintPassedLoose.stream().map(c -> (double) c / samples).toList());
        m.put("mean_reward", meanReward);
        return m;
    }

    /**
     * Each constraint id's pass rate over all these prompts' samples (strict: followed / checked), for hardness
     * (1 − pass rate) in synthesis.
     */
    public static Map<String, Double> byConstraint(List<PassRates> prompts) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (PassRates p : prompts) {
            for (int i = 0; i < p.instructionIds().size(); i++) {
                long[] c = counts.computeIfAbsent(p.instructionIds().get(i), id -> new long[2]);
                c[0] += p.constraintPassed().get(i);
                c[1] += p.samples();
            }
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        counts.forEach((id, c) -> rates.put(id, (double) c[0] / c[1]));
        return rates;
    }
}
