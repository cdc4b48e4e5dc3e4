package dev.jack.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Reward accuracy with an LLM judge (RewardBench style): each pair is judged pairwise (a win counts 1, a loss 0, a
 * tie or an unreadable verdict 0.5: {@link CritiqueJudge#pairwise}) or pointwise (each completion scored 1-10; the pair
 * is right only when chosen scores strictly higher, and an unreadable score counts as the lowest possible, below any
 * readable one).
 */
public final class AccuracyJudge {
    private AccuracyJudge() {}

    /** How the judge compares the responses. */
    public enum Mode { PAIRWISE, POINTWISE }

    /** The lowest score of the pointwise judge's scale (1-10). */
    public static final double MIN = 1;

    /** The highest score of the pointwise judge's scale. */
    public static final double MAX = 10;

    /** The pointwise judge's score of each completion (one critique each, all with the seed); empty where unreadable. */
    public static List<OptionalDouble> scores(CritiqueJudge judge, String prompt, List<String> completions, long seed) {
        List<OptionalDouble> scores = new ArrayList<>();
        for (String c : completions) scores.add(judge.pointwise(prompt, c, 1, seed, CritiqueJudge.Aggregate.MEAN).score());
        return scores;
    }

    /** How many answers could not be read, and how they were counted in this mode. */
    public static Unreadable tally(Mode mode, long unreadable, long asked) {
        return mode == Mode.PAIRWISE
                ? new Unreadable("pairwise verdicts", unreadable, asked, "ties")
                : new Unreadable("pointwise scores", unreadable, asked, "the lowest possible score");
    }
}
