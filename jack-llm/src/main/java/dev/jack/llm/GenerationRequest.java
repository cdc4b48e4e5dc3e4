package dev.jack.llm;

import java.util.List;

/**
 * One generation call. Optional settings are null when not set (the server's default applies).
 *
 * @param n           how many completions
 * @param logprobs    how many top alternatives to return per token (0 = logprobs of the chosen token only; null = none)
 */
public record GenerationRequest(Prompt prompt, int n, Double temperature, Double topP, Integer topK, Long seed,
                                int maxTokens, List<String> stop, Integer logprobs) {
    public GenerationRequest {
        if (n < 1) throw new IllegalArgumentException("n must be at least 1");
        if (maxTokens < 1) throw new IllegalArgumentException("max_tokens must be at least 1");
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    public static GenerationRequest of(Prompt prompt, int maxTokens) {
        return new GenerationRequest(prompt, 1, null, null, null, null, maxTokens, List.of(), null);
    }

    public GenerationRequest withN(int n) {
        return new GenerationRequest(prompt, n, temperature, topP, topK, seed, maxTokens, stop, logprobs);
    }

    public GenerationRequest withSeed(Long seed) {
        return new GenerationRequest(prompt, n, temperature, topP, topK, seed, maxTokens, stop, logprobs);
    }
}
