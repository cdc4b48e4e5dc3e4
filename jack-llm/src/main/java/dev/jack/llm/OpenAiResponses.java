package dev.jack.llm;

import dev.jack.core.json.Json;
import dev.jack.llm.GenerationResult.Alternative;
import dev.jack.llm.GenerationResult.Completion;
import dev.jack.llm.GenerationResult.TokenLogprob;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads OpenAI-compatible response bodies: chat completions ({@code message.content}, {@code reasoning_content},
 * {@code logprobs.content[]}), legacy completions ({@code text}, {@code logprobs.tokens}, {@code token_logprobs},
 * {@code top_logprobs}) and llama.cpp's completions ({@code logprobs.content[]} with token ids), whole or streamed as
 * server-sent events ({@code choices[].delta} or {@code choices[].text} per chunk, usage in a last chunk). Logprob
 * entries keep the token's {@code bytes} where the server sends them.
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
        Map<?, ?> root = object(body);
        if (!(root.get("choices") instanceof List<?> choices) || choices.isEmpty()) throw new MalformedResponse("response has no choices");
        Completion[] byIndex = new Completion[choices.size()];
        for (int i = 0; i < choices.size(); i++) {
            if (!(choices.get(i) instanceof Map<?, ?> choice)) throw new MalformedResponse("choice " + i + " is not an object");
            String text;
            String reasoning = null;
            if (choice.get("message") instanceof Map<?, ?> message) {
                text = message.get("content") instanceof String s ? s : "";
                reasoning = reasoning(message);
            } else if (choice.get("text") instanceof String s) {
                text = s;
            } else {
                throw new MalformedResponse("choice " + i + " has neither message.content nor text");
            }
            String finish = choice.get("finish_reason") instanceof String f ? f : "unknown";
            List<TokenLogprob> logprobs = new ArrayList<>();
            logprobs(choice.get("logprobs"), logprobs);
            int index = choice.get("index") instanceof Long l && l >= 0 && l < byIndex.length ? l.intValue() : i;
            // Token counts come from usage for a single choice; otherwise from logprobs, or -1 when unknown.
            Completion c = new Completion(text, finish, logprobs.isEmpty() ? -1 : logprobs.size(), logprobs, reasoning);
            if (byIndex[index] != null) index = i;
            byIndex[index] = c;
        }
        List<Completion> completions = new ArrayList<>(choices.size());
        for (Completion c : byIndex) if (c != null) completions.add(c);
        return withUsage(completions, root.get("usage"));
    }

    /**
     * Collects a streamed response: feed each event's data ({@code data: } stripped, {@code [DONE]} excluded) in
     * order, then take the result.
     */
    static final class Stream {
        private static final class Choice {
            final StringBuilder text = new StringBuilder();
            StringBuilder reasoning;
            final List<TokenLogprob> logprobs = new ArrayList<>();
            String finishReason;
        }

        private final Map<Integer, Choice> choices = new TreeMap<>();
        private Object usage;

        void accept(String data) throws MalformedResponse {
            Map<?, ?> chunk = object(data);
            if (chunk.get("error") != null) throw new MalformedResponse("the stream reported an error: " + Json.parse(data));
            if (chunk.get("usage") instanceof Map<?, ?> u) usage = u;
            if (!(chunk.get("choices") instanceof List<?> list)) throw new MalformedResponse("a stream chunk has no choices");
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> c)) throw new MalformedResponse("a streamed choice is not an object");
                int index = c.get("index") instanceof Long l && l >= 0 && l < 1 << 16 ? l.intValue() : 0;
                Choice choice = choices.computeIfAbsent(index, k -> new Choice());
                if (c.get("delta") instanceof Map<?, ?> delta) {
                    if (delta.get("content") instanceof String s) choice.text.append(s);
                    String reasoning = reasoning(delta);
                    if (reasoning != null) {
                        if (choice.reasoning == null) choice.reasoning = new StringBuilder();
                        choice.reasoning.append(reasoning);
                    }
                } else if (c.get("text") instanceof String s) {
                    choice.text.append(s);
                }
                logprobs(c.get("logprobs"), choice.logprobs);
                if (c.get("finish_reason") instanceof String f) choice.finishReason = f;
            }
        }

        GenerationResult result() throws MalformedResponse {
            if (choices.isEmpty()) throw new MalformedResponse("the stream ended without choices");
            List<Completion> completions = new ArrayList<>();
            for (Choice c : choices.values()) {
                if (c.finishReason == null) throw new MalformedResponse("the stream ended before a choice finished");
                completions.add(new Completion(c.text.toString(), c.finishReason, c.logprobs.isEmpty() ? -1 : c.logprobs.size(),
                        c.logprobs, c.reasoning == null ? null : c.reasoning.toString()));
            }
            return withUsage(completions, usage);
        }
    }

    private static Map<?, ?> object(String body) throws MalformedResponse {
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (RuntimeException e) {
            throw new MalformedResponse("unparseable response body: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> root)) throw new MalformedResponse("the response is not a JSON object");
        return root;
    }

    /** Reasoning returned apart from the answer: {@code reasoning_content} (vLLM, DeepSeek, llama.cpp) or {@code reasoning} (newer vLLM). */
    private static String reasoning(Map<?, ?> message) {
        if (message.get("reasoning_content") instanceof String s) return s;
        return message.get("reasoning") instanceof String s ? s : null;
    }

    private static GenerationResult withUsage(List<Completion> completions, Object usageValue) {
        int promptTokens = 0;
        if (usageValue instanceof Map<?, ?> usage) {
            if (usage.get("prompt_tokens") instanceof Long p) promptTokens = p.intValue();
            if (completions.size() == 1 && usage.get("completion_tokens") instanceof Long c) {
                Completion only = completions.getFirst();
                completions.set(0, new Completion(only.text(), only.finishReason(), c.intValue(), only.logprobs(), only.reasoningContent()));
            }
        }
        return new GenerationResult(List.copyOf(completions), promptTokens);
    }

    private static void logprobs(Object value, List<TokenLogprob> out) throws MalformedResponse {
        if (!(value instanceof Map<?, ?> lp)) return;
        if (lp.get("content") instanceof List<?> content) {
            // OpenAI chat and llama.cpp: one object per token, top alternatives as objects.
            for (Object o : content) {
                if (!(o instanceof Map<?, ?> t)) throw new MalformedResponse("logprobs.content entry is not an object");
                List<Alternative> top = new ArrayList<>();
                if (t.get("top_logprobs") instanceof List<?> alternatives) {
                    for (Object a : alternatives) {
                        if (a instanceof Map<?, ?> alt) top.add(new Alternative(string(alt.get("token")), id(alt.get("id")), number(alt.get("logprob")), bytes(alt.get("bytes"))));
                    }
                }
                out.add(new TokenLogprob(string(t.get("token")), id(t.get("id")), number(t.get("logprob")), top, bytes(t.get("bytes"))));
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
    }

    private static String string(Object o) throws MalformedResponse {
        if (o instanceof String s) return s;
        throw new MalformedResponse("a logprobs token is not a string");
    }

    private static Integer id(Object o) {
        return o instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE ? l.intValue() : null;
    }

    private static double number(Object o) throws MalformedResponse {
        if (o instanceof Number n) return n.doubleValue();
        throw new MalformedResponse("a logprob is not a number");
    }

    /** A token's raw bytes, or null when the server sent none (or not as a list of 0..255). */
    private static List<Integer> bytes(Object o) throws MalformedResponse {
        if (o == null) return null;
        if (!(o instanceof List<?> list)) throw new MalformedResponse("logprob bytes are not a list");
        List<Integer> out = new ArrayList<>(list.size());
        for (Object b : list) {
            if (!(b instanceof Long l) || l < 0 || l > 255) throw new MalformedResponse("a logprob byte is not in 0..255");
            out.add(l.intValue());
        }
        return out;
    }
}
