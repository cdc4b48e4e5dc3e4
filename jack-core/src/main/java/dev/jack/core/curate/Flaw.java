package dev.jack.core.curate;

import dev.jack.core.Choices;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a response may not be a pair's chosen one (it may still be the rejected one): it was cut off at the token
 * limit ({@code finish_reason: "length"}), its answer is empty (nothing but whitespace once a thinking block is
 * removed, see {@link dev.jack.core.text.Thinking#answer}), or it holds control-token text ({@code <|eot_id|>} and the
 * like, which a clean training target never does). {@code --allow-truncated} lets such responses be chosen. A response
 * with several flaws counts under the first in this order.
 */
public enum Flaw {
    TRUNCATED, EMPTY, CONTROL_TOKENS;

    /**
     * The response's first flaw, or null when it may be chosen. An unknown finish reason (null) is not a flaw.
     *
     * @param answer        the response's final answer (thinking removed)
     * @param controlTokens whether the response holds control-token text
     */
    public static Flaw of(String finishReason, String answer, boolean controlTokens) {
        if ("length".equals(finishReason)) return TRUNCATED;
        if (answer.isBlank()) return EMPTY;
        return controlTokens ? CONTROL_TOKENS : null;
    }

    /** Counts by flaw, every flaw present (0 where none), keyed by label in declaration order: the stats files' shape. */
    public static Map<String, Integer> counts(Map<Flaw, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Flaw f : values()) out.put(Choices.label(f), counts.getOrDefault(f, 0));
        return out;
    }
}
