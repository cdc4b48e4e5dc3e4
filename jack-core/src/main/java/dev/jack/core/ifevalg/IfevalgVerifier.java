package dev.jack.core.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/**
 * open-instruct's {@code IFEvalVerifier} ({@code open_instruct/ground_truth_utils.py}): the reward of a
 * prediction for a row's constraints. The answer is the prediction with {@code <|assistant|>} removed,
 * stripped, cut after the last {@code </think>}, with {@code <answer>}/{@code </answer>} removed, stripped;
 * an empty prediction or answer scores 0. Each constraint is checked alone on the answer (there is no
 * loose mode), and the score is the share followed (0 for no constraints).
 */
public final class IfevalgVerifier {
    private IfevalgVerifier() {}

    /** The reward and each constraint's verdict, in the row's order. */
    public record Result(double score, List<Boolean> verdicts) {}

    /** open-instruct's {@code remove_thinking_section}. */
    public static String answer(String prediction) {
        String p = PyText.strip(prediction.replace("<|assistant|>", ""));
        int think = p.lastIndexOf("</think>");
        if (think >= 0) p = p.substring(think + "</think>".length());
        return PyText.strip(p.replace("<answer>", "").replace("</answer>", ""));
    }

    /**
     * The reward of a prediction (the model's raw output) for a row's constraints, and each one's verdict. Analyses are
     * shared among this row's checks only ({@link TextTools#forgetRecent}).
     */
    public static Result verify(List<Constraint> constraints, String prediction, TextTools text) {
        text.forgetRecent();
        String answer = answer(prediction);
        List<Boolean> verdicts = new ArrayList<>(constraints.size());
        int followed = 0;
        for (Constraint c : constraints) {
            // An empty answer implies a blank prediction, which follows nothing.
            boolean ok = !answer.isEmpty() && c.isFollowedBy(answer, text);
            verdicts.add(ok);
            if (ok) followed++;
        }
        return new Result(constraints.isEmpty() ? 0.0 : (double) followed / constraints.size(), List.copyOf(verdicts));
    }
}
