package dev.jack.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One row of {@code jack sample}'s output: a response to one prompt, with how it was made. Fields and their JSON
 * names, in file order: {@code key}, {@code sample_index}, {@code prompt}, {@code response}, {@code reasoning_content}
 * (only when the server returned a reasoning model's thinking apart from the answer), {@code finish_reason} (null when
 * the server gave none), {@code prompt_tokens}, {@code completion_tokens}, {@code model}, {@code endpoint},
 * {@code params} (the generation parameters, kept as the server side named them; {@code params.system} is the system
 * prompt the response was drawn under), {@code seed}, and {@code logprobs} when they were asked for. Files from other tools may leave out anything but {@code key} (what reads
 * them checks for what it needs, such as {@code response}): an absent field is null here and stays absent when the
 * row is written again ({@code response} and {@code finish_reason} excepted: they are always written), and fields
 * Jack does not know are kept in {@code other} and written after Jack's.
 *
 * @param params opaque generation parameters (a JSON object), or null
 * @param other  fields from the file that Jack does not use, in file order
 */
public record Sample(long key, Long sampleIndex, String prompt, String response, String reasoningContent, String finishReason, Long promptTokens,
                     Long completionTokens, String model, String endpoint, Map<String, Object> params, Long seed,
                     List<Logprob> logprobs, Map<String, Object> other) {

    /**
     * A generated token's log probability (at least -9999.0, as vLLM clamps -Infinity; NaN, written as null, where the
     * server gave none) and the top alternatives at its position; ids are null where the server gives none.
     */
    public record Logprob(String token, Long id, double logprob, List<Alternative> top) {}

    /** An alternative token at a position. */
    public record Alternative(String token, double logprob) {}

    static final Set<String> FIELDS = Set.of("key", "sample_index", "prompt", "response", "reasoning_content", "finish_reason", "prompt_tokens",
            "completion_tokens", "model", "endpoint", "params", "seed", "logprobs");

    public Sample {
        other = other == null ? Map.of() : other;
    }

    /** Reads one row; errors name the file, line and field. Fields in {@code reserved} are neither read nor kept. */
    static Sample read(JsonlReader.Row row, Set<String> reserved) {
        Map<String, Object> other = row.otherThan(FIELDS);
        other.keySet().removeAll(reserved);
        Long index = row.optionalInteger("sample_index");
        if (index != null && index < 0) throw row.error("sample_index", "must be at least 0, got " + index);
        return new Sample(row.integer("key"), index, row.optionalString("prompt"), row.optionalString("response"),
                row.optionalString("reasoning_content"), row.optionalString("finish_reason"), row.optionalInteger("prompt_tokens"), row.optionalInteger("completion_tokens"),
                row.optionalString("model"), row.optionalString("endpoint"), row.optionalObject("params"), row.optionalInteger("seed"),
                logprobs(row), other);
    }

    /** Reads a row of a samples file. */
    public static Sample read(JsonlReader.Row row) {
        return read(row, Set.of());
    }

    /** The system prompt the response was drawn under ({@code params.system}), or null when there was none. */
    public String system() {
        return params != null && params.get("system") instanceof String s ? s : null;
    }

    private static List<Logprob> logprobs(JsonlReader.Row row) {
        if (!row.has("logprobs")) return null;
        List<Logprob> out = new ArrayList<>();
        for (Object o : row.list("logprobs")) {
            if (!(o instanceof Map<?, ?> t) || !(t.get("token") instanceof String token) || !isLogprob(t.get("logprob"))) {
                throw row.error("logprobs", "each entry must have a token and a logprob");
            }
            List<Alternative> top = new ArrayList<>();
            if (t.get("top") instanceof List<?> alternatives) {
                for (Object a : alternatives) {
                    if (!(a instanceof Map<?, ?> alt) || !(alt.get("token") instanceof String at) || !isLogprob(alt.get("logprob"))) {
                        throw row.error("logprobs", "each alternative must have a token and a logprob");
                    }
                    top.add(new Alternative(at, logprob(alt.get("logprob"))));
                }
            }
            out.add(new Logprob(token, t.get("id") instanceof Long id ? id : null, logprob(t.get("logprob")), top));
        }
        return out;
    }

    /** A logprob as written: a number, or null where the server gave none (NaN here; written as null again). */
    private static boolean isLogprob(Object v) {
        return v == null || v instanceof Number;
    }

    private static double logprob(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The row as JSON fields, in file order (a JSON boundary: the map goes straight to the writer). */
    public Map<String, Object> toJson() {
        Map<String, Object> row = new LinkedHashMap<>();
        fields(row::put);
        return row;
    }

    /**
     * Hands each of the row's JSON fields to {@code out} in file order, as {@link #toJson} has them (a writer can take
     * them one by one without the map): absent fields are left out, and the fields kept in {@code other} come last.
     */
    public void fields(BiConsumer<String, Object> out) {
        out.accept("key", key);
        putPresent(out, "sample_index", sampleIndex);
        putPresent(out, "prompt", prompt);
        out.accept("response", response);
        putPresent(out, "reasoning_content", reasoningContent);
        out.accept("finish_reason", finishReason);
        putPresent(out, "prompt_tokens", promptTokens);
        putPresent(out, "completion_tokens", completionTokens);
        putPresent(out, "model", model);
        putPresent(out, "endpoint", endpoint);
        putPresent(out, "params", params);
        putPresent(out, "seed", seed);
        if (logprobs != null) {
            List<Object> tokens = new ArrayList<>();
            for (Logprob t : logprobs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("token", t.token());
                m.put("id", t.id());
                m.put("logprob", t.logprob());
                List<Object> top = new ArrayList<>();
                for (Alternative a : t.top()) {
                    Map<String, Object> alt = new LinkedHashMap<>();
                    alt.put("token", a.token());
                    alt.put("logprob", a.logprob());
                    top.add(alt);
                }
                m.put("top", top);
                tokens.add(m);
            }
            out.accept("logprobs", tokens);
        }
        other.forEach(out);
    }

    private static void putPresent(BiConsumer<String, Object> row, String field, Object value) {
        if (value != null) row.accept(field, value);
    }
}
