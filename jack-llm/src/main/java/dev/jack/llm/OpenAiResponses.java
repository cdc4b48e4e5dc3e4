package dev.jack.llm;

import dev.jack.core.json.Json;
import dev.jack.llm.GenerationResult.Alternative;
import dev.jack.llm.GenerationResult.Completion;
import dev.jack.llm.GenerationResult.TokenLogprob;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads OpenAI-compatible response bodies: chat completions ({@code message.content},
 * {@code logprobs.content[]}), legacy completions ({@code text}, {@code logprobs.tokens},
 * {@code token_logprobs}, {@code top_logprobs}) and llama.cpp's completions ({@code logprobs.content[]}
 * with token ids).
 */
final class OpenAiResponses {
    private OpenAiResponses() {}

    /** A body that is not the response we expect (truncated, malformed, or missing fields). */
    static final class MalformedResponse extends Exception {
        MalformedResponse(String message) {
            super(message);
        }
    }

    static GenerationResult parse(String body) throws MalformedResponse {
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (RuntimeException e) {
            throw new MalformedResponse("unparseable response body: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> root) || !(root.get("choices") instanceof List<?> choices) || choices.isEmpty()) {
            throw new MalformedResponse("response has no choices");
        }
        List<Completion> completions = new ArrayList<>(choices.size());
        Completion[] byIndex = new Completion[choices.size()];
        for (int i = 0; i < choices.size(); i++) {
            if (!(choices.get(i) instanceof Map<?, ?> choice)) throw new MalformedResponse("choice " + i + " is not an object");
            String text;
            if (choice.get("message") instanceof Map<?, ?> message) {
                text = message.get("content") instanceof String s ? s : "";
            } else if (choice.get("text") instanceof String s) {
                text = s;
            } else {
                throw new MalformedResponse("choice " + i + " has neither message.content nor text");
            }
            String finish = choice.get("finish_reason") instanceof String f ? f : "unknown";
            List<TokenLogprob> logprobs = logprobs(choice.get("logprobs"));
            int index = choice.get("index") instanceof Long l && l >= 0 && l < byIndex.length ? l.intValue() : i;
            // Token counts come from usage for a single choice; otherwise from logprobs, or -1 when unknown.
            Completion c = new Completion(text, finish, logprobs.isEmpty() ? -1 : logprobs.size(), logprobs);
            if (byIndex[index] != null) index = i;
            byIndex[index] = c;
        }
        for (Completion c : byIndex) if (c != null) completions.add(c);
        int promptTokens = 0;
        if (root.get("usage") instanceof Map<?, ?> usage) {
            if (usage.get("prompt_tokens") instanceof Long p) promptTokens = p.intValue();
            if (completions.size() == 1 && usage.get("completion_tokens") instanceof Long c) {
                Completion only = completions.getFirst();
                completions.set(0, new Completion(only.text(), only.finishReason(), c.intValue(), only.logprobs()));
            }
        }
        return new GenerationResult(List.copyOf(completions), promptTokens);
    }

    private static List<TokenLogprob> logprobs(Object value) throws MalformedResponse {
        if (!(value instanceof Map<?, ?> lp)) return List.of();
        List<TokenLogprob> out = new ArrayList<>();
        if (lp.get("content") instanceof List<?> content) {
            // OpenAI chat and llama.cpp: one object per token, top alternatives as objects.
            for (Object o : content) {
                if (!(o instanceof Map<?, ?> t)) throw new MalformedResponse("logprobs.content entry is not an object");
                List<Alternative> top = new ArrayList<>();
                if (t.get("top_logprobs") instanceof List<?> alternatives) {
                    for (Object a : alternatives) {
                        if (a instanceof Map<?, ?> alt) top.add(new Alternative(string(alt.get("token")), id(alt.get("id")), number(alt.get("logprob"))));
                    }
                }
                out.add(new TokenLogprob(string(t.get("token")), id(t.get("id")), number(t.get("logprob")), top));
            }
        } else if (lp.get("tokens") instanceof List<?> tokens) {
            // Legacy completions: parallel arrays; top alternatives as {token: logprob} maps.
            List<?> values = lp.get("token_logprobs") instanceof List<?> l ? l : List.of();
            List<?> tops = lp.get("top_logprobs") instanceof List<?> l ? l : List.of();
            for (int i = 0; i < tokens.size(); i++) {
                List<Alternative> top = new ArrayList<>();
                if (i < tops.size() && tops.get(i) instanceof Map<?, ?> alternatives) {
                    for (Map.Entry<?, ?> e : alternatives.entrySet()) top.add(new Alternative((String) e.getKey(), null, number(e.getValue())));
                }
                double logprob = i < values.size() && values.get(i) != null ? number(values.get(i)) : Double.NaN;
                out.add(new TokenLogprob(string(tokens.get(i)), null, logprob, top));
            }
        }
        return out;
    }

    private static String string(Object o) throws MalformedResponse {
        if (o instanceof String s) return s;
        throw new MalformedResponse("a logprobs token is not a string");
    }

    private static Integer id(Object o) {
        return o instanceof Long l ? l.intValue() : null;
    }

    private static double number(Object o) throws MalformedResponse {
        if (o instanceof Number n) return n.doubleValue();
        throw new MalformedResponse("a logprob is not a number");
    }
}
