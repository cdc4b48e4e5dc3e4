package dev.jack.judge;

import dev.jack.llm.Backend;
import dev.jack.llm.GenerationRequest;
import dev.jack.llm.GenerationResult;
import dev.jack.llm.Prompt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The judge's probability of a verdict for a response: the pointwise judge is asked greedily with
 * logprobs, and the probability is read at the token right after "Score:" — the share the model gives
 * to the verdict's number among the top alternatives there (0 when it is not among them).
 */
public final class VerdictProbability {
    private final Backend backend;
    private final Templates templates;
    private final double min;
    private final double max;

    private final int maxTokens;

    public VerdictProbability(Backend backend, Templates templates, double min, double max, int maxTokens) {
        this.backend = backend;
        this.templates = templates;
        this.min = min;
        this.max = max;
        this.maxTokens = maxTokens;
    }

    /** The probability in [0, 1]; empty when the answer states no score (unreadable). */
    public java.util.OptionalDouble of(String prompt, String response, double verdict) {
        Map<String, String> values = new HashMap<>();
        values.put("prompt", prompt);
        values.put("response", response);
        values.put("min", String.valueOf((long) min));
        values.put("max", String.valueOf((long) max));
        GenerationResult.Completion c = backend.generate(new GenerationRequest(new Prompt.Chat(List.of(Prompt.Message.user(
                Templates.fill(templates.load("pointwise.txt"), values)))), 1, 0.0, null, null, 0L, maxTokens, List.of(), 10))
                .join().completions().getFirst();
        double p = probabilityAfterScore(c.logprobs(), verdict);
        return Double.isNaN(p) ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(p);
    }

    /**
     * Reads the probability of the verdict's number at the first number token after the last "Score:": 0 when that
     * number is another and the verdict's is not among the alternatives; NaN when there is no "Score" followed by a number.
     */
    static double probabilityAfterScore(List<GenerationResult.TokenLogprob> tokens, double verdict) {
        StringBuilder text = new StringBuilder();
        int[] startOf = new int[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            startOf[i] = text.length();
            text.append(tokens.get(i).token());
        }
        int score = text.toString().toLowerCase(java.util.Locale.ROOT).lastIndexOf("score");
        if (score < 0) return Double.NaN;
        String want = verdict == Math.rint(verdict) ? String.valueOf((long) verdict) : String.valueOf(verdict);
        for (int i = 0; i < tokens.size(); i++) {
            if (startOf[i] < score || !tokens.get(i).token().strip().matches("\\d.*")) continue;
            for (GenerationResult.Alternative a : tokens.get(i).top()) {
                if (a.token().strip().equals(want)) return Math.exp(a.logprob());
            }
            return tokens.get(i).token().strip().equals(want) ? Math.exp(tokens.get(i).logprob()) : 0;
        }
        return Double.NaN;
    }
}
