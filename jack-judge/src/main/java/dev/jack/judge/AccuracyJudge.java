package dev.jack.judge;

import dev.jack.core.Parallel;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Reward accuracy with an LLM judge (RewardBench style): each pair is judged pairwise (a win counts 1, a loss 0, a
 * tie or an unreadable verdict 0.5) or pointwise (each side scored 1-10; the pair is right only when chosen scores
 * strictly higher, and an unreadable score counts as the lowest possible, below any readable one).
 */
public final class AccuracyJudge {
    private AccuracyJudge() {}

    /** How the judge compares the two responses. */
    public enum Mode { PAIRWISE, POINTWISE }

    /** A pair to judge and the subset it counts in. */
    public record Pair(String subset, String prompt, String chosen, String rejected) {}

    /**
     * Judges every pair (at most {@code concurrency} at once; pair i uses seed + i) and adds its outcome to
     * {@code into} under its subset.
     *
     * @return the answers that could not be read, and how they were counted
     */
    public static Unreadable judge(CritiqueJudge judge, List<Pair> pairs, Mode mode, boolean bothOrders, long seed, int concurrency,
                                   RewardAccuracy into) {
        if (bothOrders && mode == Mode.POINTWISE) throw new IllegalArgumentException("both orders only apply to pairwise judging");
        List<double[]> outcomes = Parallel.map(pairs.size(), concurrency, i -> {
            Pair p = pairs.get(i);
            if (mode == Mode.PAIRWISE) {
                CritiqueJudge.Comparison c = judge.pairwise(p.prompt(), p.chosen(), p.rejected(), seed + i, bothOrders);
                return new double[] {c.outcome(), c.asked(), c.unreadable()};
            }
            OptionalDouble c = judge.pointwise(p.prompt(), p.chosen(), 1, seed + i, CritiqueJudge.Aggregate.MEAN).score();
            OptionalDouble x = judge.pointwise(p.prompt(), p.rejected(), 1, seed + i, CritiqueJudge.Aggregate.MEAN).score();
            return new double[] {c.orElse(Double.NEGATIVE_INFINITY), x.orElse(Double.NEGATIVE_INFINITY), 2, (c.isEmpty() ? 1 : 0) + (x.isEmpty() ? 1 : 0)};
        });
        long asked = 0;
        long unreadable = 0;
        for (int i = 0; i < pairs.size(); i++) {
            double[] o = outcomes.get(i);
            if (mode == Mode.PAIRWISE) into.add(pairs.get(i).subset(), o[0]);
            else into.addScores(pairs.get(i).subset(), o[0], o[1]);
            asked += (long) o[o.length - 2];
            unreadable += (long) o[o.length - 1];
        }
        return mode == Mode.PAIRWISE
                ? new Unreadable("pairwise verdicts", unreadable, asked, "ties")
                : new Unreadable("pointwise scores", unreadable, asked, "the lowest possible score");
    }
}
