package dev.jack.core.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A preference pair in TRL's format ({@code prompt}, {@code chosen}, {@code rejected}, as strings or chat turns: see
 * {@link PairFormat}) with what Jack knows about it. The prompt is the conversation the responses were drawn from: the
 * system prompt ({@code system}, null when there was none) and the user's {@code prompt}; in the messages format the
 * {@code prompt} field holds both turns, and the strings format refuses a pair with a system prompt. JSON fields, in file order: {@code prompt}, {@code chosen},
 * {@code rejected}, {@code key}, {@code instruction_id_list}, {@code chosen_reward}, {@code rejected_reward}, the
 * strict and loose rewards of both ({@code chosen_reward_strict}, {@code rejected_reward_strict},
 * {@code chosen_reward_loose}, {@code rejected_reward_loose}), {@code contrast} ({@code high}, {@code low},
 * {@code tree} or {@code edit}), {@code method} ({@code rs}, {@code mcts} or {@code edit}), {@code depth} (steps of shared prefix; 0 without one),
 * {@code shared_prefix_chars}, {@code shared_prefix_tokens}, why each response ended ({@code chosen_finish_reason},
 * {@code rejected_finish_reason}: {@code stop}, {@code length}, or null when unknown); then where the pair came from ({@link Origin}); then the
 * cost of its prompt, {@code prompt_llm_calls} and {@code prompt_generated_tokens}. Pair files from elsewhere need
 * only {@code prompt}, {@code chosen}, {@code rejected}; their other fields are kept in {@code other}. Rewards are in
 * [0, 1] for Jack's pairs; a pair read from elsewhere without rewards has NaN there.
 */
public record PreferencePair(String system, String prompt, String chosen, String rejected, Long key, List<String> instructionIds,
                             double chosenReward, double rejectedReward, Double chosenRewardStrict, Double rejectedRewardStrict,
                             Double chosenRewardLoose, Double rejectedRewardLoose, String contrast, String method, Integer depth,
                             Integer sharedPrefixChars, Integer sharedPrefixTokens, String chosenFinishReason, String rejectedFinishReason,
                             Origin origin, Long promptLlmCalls, Long promptGeneratedTokens, Map<String, Object> other) {

    /** Where a pair's two responses came from. */
    public sealed interface Origin {}

    /** Two sampled responses (rejection sampling): their sample indices and seeds, and the generation parameters. */
    public record Sampled(Long chosenSampleIndex, Long rejectedSampleIndex, Long chosenSeed, Long rejectedSeed,
                          Map<String, Object> params) implements Origin {}

    /** Two leaves of one tree search: the diverging children's visits and mean rewards Q, the model, the search's seed and parameters. */
    public record Searched(long chosenVisits, long rejectedVisits, double chosenQ, double rejectedQ, String model, long seed,
                           Map<String, Object> params) implements Origin {}

    private static final Set<String> FIELDS = Set.of("prompt", "chosen", "rejected", "key", "instruction_id_list", "chosen_reward",
            "rejected_reward", "chosen_reward_strict", "rejected_reward_strict", "chosen_reward_loose", "rejected_reward_loose",
            "contrast", "method", "depth", "shared_prefix_chars", "shared_prefix_tokens", "chosen_finish_reason", "rejected_finish_reason", "chosen_sample_index", "rejected_sample_index",
            "chosen_seed", "rejected_seed", "params", "chosen_visits", "rejected_visits", "chosen_q", "rejected_q", "model", "seed",
            "prompt_llm_calls", "prompt_generated_tokens");

    public PreferencePair {
        other = other == null ? Map.of() : other;
    }

    /** The same pair with its prompt's cost. */
    public PreferencePair withCost(long llmCalls, long generatedTokens) {
        return new PreferencePair(system, prompt, chosen, rejected, key, instructionIds, chosenReward, rejectedReward, chosenRewardStrict,
                rejectedRewardStrict, chosenRewardLoose, rejectedRewardLoose, contrast, method, depth, sharedPrefixChars,
                sharedPrefixTokens, chosenFinishReason, rejectedFinishReason, origin, llmCalls, generatedTokens, other);
    }

    /** chosen_reward − rejected_reward. */
    public double rewardGap() {
        return chosenReward - rejectedReward;
    }

    /** The model that wrote both responses, where the pair says (tree search pairs do). */
    public String model() {
        return origin instanceof Searched s ? s.model() : null;
    }

    /** Reads one row of a pairs file in either format. */
    public static PreferencePair read(JsonlReader.Row row) {
        Map<String, Object> f = row.fields();
        Origin origin = null;
        if (f.containsKey("chosen_visits")) {
            origin = new Searched(row.integer("chosen_visits"), row.integer("rejected_visits"), row.number("chosen_q"), row.number("rejected_q"),
                    row.optionalString("model"), row.integer("seed"), row.optionalObject("params"));
        } else if (f.containsKey("chosen_sample_index")) {
            origin = new Sampled(row.optionalInteger("chosen_sample_index"), row.optionalInteger("rejected_sample_index"),
                    row.optionalInteger("chosen_seed"), row.optionalInteger("rejected_seed"), row.optionalObject("params"));
        }
        Map<String, Object> other = row.otherThan(FIELDS);
        // Origin fields that this pair's origin does not have stay as they were.
        Set<String> used = origin instanceof Searched ? Set.of("model", "seed", "params") : origin instanceof Sampled ? Set.of("params") : Set.of();
        for (String field : List.of("model", "seed", "params")) if (f.containsKey(field) && !used.contains(field)) other.put(field, f.get(field));
        return new PreferencePair(PairFormat.system(row, "prompt"), PairFormat.text(row, "prompt"), PairFormat.text(row, "chosen"), PairFormat.text(row, "rejected"),
                row.optionalInteger("key"), row.optionalStrings("instruction_id_list"), reward(row, "chosen_reward"), reward(row, "rejected_reward"),
                row.optionalNumber("chosen_reward_strict"), row.optionalNumber("rejected_reward_strict"), row.optionalNumber("chosen_reward_loose"),
                row.optionalNumber("rejected_reward_loose"), row.optionalString("contrast"), row.optionalString("method"), small(row, "depth"),
                small(row, "shared_prefix_chars"), small(row, "shared_prefix_tokens"), row.optionalString("chosen_finish_reason"),
                row.optionalString("rejected_finish_reason"), origin, row.optionalInteger("prompt_llm_calls"),
                row.optionalInteger("prompt_generated_tokens"), other);
    }

    private static double reward(JsonlReader.Row row, String field) {
        return row.has(field) ? row.number(field) : Double.NaN;
    }

    private static Integer small(JsonlReader.Row row, String field) {
        Long v = row.optionalInteger(field);
        return v == null ? null : Math.toIntExact(v);
    }

    /**
     * The row as JSON fields in file order, with the texts in the given format (a JSON boundary).
     *
     * @throws dev.jack.core.UserException for the strings format and a pair with a system prompt
     */
    public Map<String, Object> toJson(PairFormat format) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("prompt", format.prompt(system, prompt));
        row.put("chosen", format.response(chosen));
        row.put("rejected", format.response(rejected));
        row.put("key", key);
        row.put("instruction_id_list", instructionIds);
        row.put("chosen_reward", chosenReward);
        row.put("rejected_reward", rejectedReward);
        row.put("chosen_reward_strict", chosenRewardStrict);
        row.put("rejected_reward_strict", rejectedRewardStrict);
        row.put("chosen_reward_loose", chosenRewardLoose);
        row.put("rejected_reward_loose", rejectedRewardLoose);
        row.put("contrast", contrast);
        row.put("method", method);
        row.put("depth", depth);
        row.put("shared_prefix_chars", sharedPrefixChars);
        row.put("shared_prefix_tokens", sharedPrefixTokens);
        row.put("chosen_finish_reason", chosenFinishReason);
        row.put("rejected_finish_reason", rejectedFinishReason);
        switch (origin) {
            case Sampled s -> {
                row.put("chosen_sample_index", s.chosenSampleIndex());
                row.put("rejected_sample_index", s.rejectedSampleIndex());
                row.put("chosen_seed", s.chosenSeed());
                row.put("rejected_seed", s.rejectedSeed());
                row.put("params", s.params());
            }
            case Searched s -> {
                row.put("chosen_visits", s.chosenVisits());
                row.put("rejected_visits", s.rejectedVisits());
                row.put("chosen_q", s.chosenQ());
                row.put("rejected_q", s.rejectedQ());
                row.put("model", s.model());
                row.put("seed", s.seed());
                row.put("params", s.params());
            }
            case null -> { }
        }
        if (promptLlmCalls != null) row.put("prompt_llm_calls", promptLlmCalls);
        if (promptGeneratedTokens != null) row.put("prompt_generated_tokens", promptGeneratedTokens);
        row.putAll(other);
        return row;
    }
}
