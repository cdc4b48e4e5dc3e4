package dev.jack.core.text;

/**
 * What happens to a reasoning model's thinking: {@code strip} (the final answer only) or {@code keep}. Reasoning
 * models (Qwen3, DeepSeek-R1 and their distillations, gpt-oss through some servers) write a {@code <think>…</think>}
 * block before the answer, or the server returns it apart as {@code reasoning_content}. A constraint is about the
 * answer: checking it on the thinking too is wrong (a word count, a forbidden word, a closing phrase).
 *
 * <p>The block is found as vLLM's reasoning parsers (deepseek_r1, qwen3) find it: an optional leading {@code <think>}
 * (after whitespace), then everything up to the first {@code </think>}. Chat templates that open the block in the
 * generation prompt (DeepSeek-R1, Qwen3 with thinking on) leave the response without its {@code <think>}: a response
 * that closes a block it did not open is treated the same way. A response that opens a block and never closes it
 * (cut off while thinking) has no answer. The answer loses its leading whitespace, as lm-evaluation-harness's
 * {@code think_end_token} handling strips it.
 */
public enum Thinking {
    STRIP, KEEP;

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    /** The response without a leading thinking block; the response itself when it has none. Never null. */
    public static String answer(String response) {
        int start = 0;
        while (start < response.length() && Character.isWhitespace(response.charAt(start))) start++;
        boolean opened = response.startsWith(OPEN, start);
        int close = response.indexOf(CLOSE, opened ? start + OPEN.length() : start);
        if (close < 0) return opened ? "" : response;
        // A </think> after an opening <think> of another block is not the end of a leading one.
        if (!opened && response.lastIndexOf(OPEN, close) >= 0) return response;
        return response.substring(close + CLOSE.length()).stripLeading();
    }

    /**
     * The text as this choice has it: with STRIP the answer alone; with KEEP the whole response, and reasoning the server
     * returned apart put back in front as a block ({@code <think>\n…\n</think>\n\n}, Qwen3's and DeepSeek-R1's layout),
     * so responses from servers that split the reasoning and from servers that do not look alike.
     *
     * @param reasoningContent the server's {@code reasoning_content}, or null
     */
    public String apply(String reasoningContent, String response) {
        if (this == STRIP) return answer(response);
        if (reasoningContent == null || reasoningContent.isEmpty()) return response;
        return OPEN + "\n" + reasoningContent.strip() + "\n" + CLOSE + "\n\n" + response.stripLeading();
    }
}
