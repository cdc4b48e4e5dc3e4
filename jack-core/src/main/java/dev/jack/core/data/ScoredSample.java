package dev.jack.core.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One row of {@code jack score}'s output: a {@link Sample} with the control-token texts found in its response, its
 * prompt's constraint ids, the per-constraint strict and loose verdicts, and three rewards in [0, 1]
 * ({@code reward_strict}, {@code reward_loose}, and {@code reward}, the one chosen with {@code --reward}). Written as
 * the sample's fields followed by {@code control_tokens} (distinct texts in order of first occurrence, {@code []} for a
 * clean response), {@code instruction_id_list}, {@code strict}, {@code loose}, {@code reward_strict},
 * {@code reward_loose}, {@code reward}. Rows from elsewhere need only {@code key} and {@code reward}; without
 * {@code control_tokens} it is null (not looked for).
 */
public record ScoredSample(Sample sample, List<String> controlTokens, List<String> instructionIds, List<Boolean> strict, List<Boolean> loose,
                           Double rewardStrict, Double rewardLoose, double reward) {

    private static final Set<String> FIELDS = Set.of("control_tokens", "instruction_id_list", "strict", "loose", "reward_strict", "reward_loose", "reward");

    /**
     * Reads one row; a row without {@code reward} is an error that says to run {@code jack score} first, and so is a
     * reward that is not a number from 0 to 1 (NaN and the infinities included).
     */
    public static ScoredSample read(JsonlReader.Row row) {
        if (!row.has("reward")) throw row.error("reward", "is missing (run jack score first)");
        return new ScoredSample(Sample.read(row, FIELDS), row.optionalStrings("control_tokens"), row.optionalStrings("instruction_id_list"),
                row.optionalBooleans("strict"), row.optionalBooleans("loose"), reward(row, "reward_strict"), reward(row, "reward_loose"),
                reward(row, "reward"));
    }

    private static Double reward(JsonlReader.Row row, String field) {
        Double r = row.optionalNumber(field);
        if (r != null && !(r >= 0 && r <= 1)) throw row.error(field, "must be a number from 0 to 1, got " + r);
        return r;
    }

    /** The row as JSON fields, in file order. */
    public Map<String, Object> toJson() {
        Map<String, Object> row = new LinkedHashMap<>();
        fields(row::put);
        return row;
    }

    /**
     * Hands each of the row's JSON fields to {@code out} in file order ({@link Sample#fields}, then this row's own), as
     * {@link #toJson} has them when the sample kept no field of the same name in {@code other} (the map would then
     * keep one entry, in the sample's place, where these give the name twice).
     */
    public void fields(BiConsumer<String, Object> out) {
        sample.fields(out);
        out.accept("control_tokens", controlTokens);
        out.accept("instruction_id_list", instructionIds);
        out.accept("strict", strict);
        out.accept("loose", loose);
        out.accept("reward_strict", rewardStrict);
        out.accept("reward_loose", rewardLoose);
        out.accept("reward", reward);
    }
}
