package dev.jack.llm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The completions of one request and the server's token accounting. */
public record GenerationResult(List<Completion> completions, int promptTokens) {
    /**
     * The least log probability Jack keeps: a token the model gives no chance (-Infinity, which is not JSON) is given this
     * instead, as vLLM's OpenAI server does ("the JSON-serializable float that OpenAI uses"), so sample rows hold numbers.
     * A logprob the server left out (null in legacy completions) stays NaN and is written as null.
     */
    public static final double MIN_LOGPROB = -9999.0;

    /**
     * One completion: its text, why it stopped ({@code "stop"}, {@code "length"}, or what the server said), its token
     * count (-1 when unknown), per-token logprobs (if asked), and the reasoning a reasoning model returned apart from the
     * answer ({@code reasoning_content}; null when the server sent none).
     */
    public record Completion(String text, String finishReason, int completionTokens, List<TokenLogprob> logprobs,
                             String reasoningContent) {
        public Completion {
            logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
        }

        /** A completion without separate reasoning. */
        public Completion(String text, String finishReason, int completionTokens, List<TokenLogprob> logprobs) {
            this(text, finishReason, completionTokens, logprobs, null);
        }
    }

    /**
     * A generated token with its log probability (at least {@link #MIN_LOGPROB}) and the top alternatives at that position. Ids are null when the server
     * gives none; bytes are the token's raw bytes (a token may hold part of a UTF-8 character, so its {@code token} text
     * can be U+FFFD while its bytes are exact; a control token has none), or null when the server gives none.
     */
    public record TokenLogprob(String token, Integer id, double logprob, List<Alternative> top, List<Integer> bytes) {
        public TokenLogprob {
            logprob = Math.max(logprob, MIN_LOGPROB);
            top = top == null ? List.of() : List.copyOf(top);
            bytes = bytes == null ? null : List.copyOf(bytes);
        }

        public TokenLogprob(String token, Integer id, double logprob, List<Alternative> top) {
            this(token, id, logprob, top, null);
        }

        /**
         * The text the tokens spell: their bytes joined and decoded as UTF-8 (a character split across tokens comes out
         * whole), the token text where a token has no bytes.
         */
        public static String text(List<TokenLogprob> tokens) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (TokenLogprob t : tokens) {
                if (t.bytes() == null) {
                    out.writeBytes(t.token().getBytes(StandardCharsets.UTF_8));
                } else {
                    for (int b : t.bytes()) out.write(b);
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** One of the most likely tokens at a position; bytes as in {@link TokenLogprob}. */
    public record Alternative(String token, Integer id, double logprob, List<Integer> bytes) {
        public Alternative {
            logprob = Math.max(logprob, MIN_LOGPROB);
            bytes = bytes == null ? null : List.copyOf(bytes);
        }

        public Alternative(String token, Integer id, double logprob) {
            this(token, id, logprob, null);
        }
    }
}
