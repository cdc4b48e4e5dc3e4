package dev.jack.llm;

import java.util.List;

/** The completions of one request and the server's token accounting. */
public record GenerationResult(List<Completion> completions, int promptTokens) {

    /** One completion: its text, why it stopped, its token count and (if asked) per-token logprobs. */
    public record Completion(String text, String finishReason, int completionTokens, List<TokenLogprob> logprobs) {
        public Completion {
            logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
        }
    }

    /** A generated token with its log probability and the top alternatives at that position. Ids are null when the server gives none. */
    public record TokenLogprob(String token, Integer id, double logprob, List<Alternative> top) {
        public TokenLogprob {
            top = top == null ? List.of() : List.copyOf(top);
        }
    }

    public record Alternative(String token, Integer id, double logprob) {}
}
