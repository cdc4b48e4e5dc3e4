package dev.jack.core.data;

import dev.jack.core.json.PyJson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What making a pairs file counted, written beside it as {@code PAIRS.stats.json}: the method ({@code rs} or
 * {@code mcts}), its contrast (rs) or preset and settings (mcts), prompts, prompts without a pair, pairs (for mcts
 * also how many share a prefix and how many are depth-0 pairs), LLM calls and generated tokens in all, and both per
 * pair (null without pairs), then {@code excluded_from_chosen}: the responses that could not be chosen, by flaw
 * ({@code truncated}, {@code empty}, {@code control_tokens}; all 0 with {@code --allow-truncated}): samples for rs,
 * finished rollouts for mcts. Read back leniently: a stats file from an older Jack may lack any field.
 *
 * @param settings the tree search's settings as its journal fingerprints them (a JSON object), or null
 * @param excluded responses kept from being chosen, by flaw label ({@link dev.jack.core.curate.Flaw}), or null
 */
public record CurationStats(String method, String contrast, String preset, Map<String, Object> settings, Integer prompts,
                            Integer promptsWithoutPair, Integer pairs, Integer sharedPrefixPairs, Integer depth0Pairs, Long llmCalls,
                            Long generatedTokens, Double llmCallsPerPair, Double generatedTokensPerPair, Map<String, Integer> excluded) {

    /** The stats of a rejection-sampling run. */
    public static CurationStats rs(String contrast, int prompts, int promptsWithoutPair, int pairs, long llmCalls, long generatedTokens,
                                   Map<String, Integer> excluded) {
        return new CurationStats("rs", contrast, null, null, prompts, promptsWithoutPair, pairs, null, null, llmCalls, generatedTokens,
                perPair(llmCalls, pairs), perPair(generatedTokens, pairs), excluded);
    }

    /** The stats of a tree-search run. */
    public static CurationStats mcts(String preset, Map<String, Object> settings, int prompts, int promptsWithoutPair, int sharedPrefixPairs,
                                     int depth0Pairs, long llmCalls, long generatedTokens, Map<String, Integer> excluded) {
        int pairs = sharedPrefixPairs + depth0Pairs;
        return new CurationStats("mcts", null, preset, settings, prompts, promptsWithoutPair, pairs, sharedPrefixPairs, depth0Pairs,
                llmCalls, generatedTokens, perPair(llmCalls, pairs), perPair(generatedTokens, pairs), excluded);
    }

    /** How many responses could not be chosen, all flaws together; null when the stats do not say. */
    public Integer excludedTotal() {
        return excluded == null ? null : excluded.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static Double perPair(long total, int pairs) {
        return pairs == 0 ? null : (double) total / pairs;
    }

    /** Where the stats of a pairs file are: {@code PAIRS.stats.json} beside it. */
    public static Path pathFor(Path pairs) {
        return pairs.resolveSibling(pairs.getFileName() + ".stats.json");
    }

    /** The stats beside a pairs file, or null when there are none; a malformed file is an error naming it. */
    public static CurationStats readFor(Path pairs) {
        Path file = pathFor(pairs);
        if (!Files.exists(file)) return null;
        if (!(TextFiles.readJson(file) instanceof Map<?, ?> m)) throw new DataFileException(file, "expected a JSON object");
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = m.get("settings") instanceof Map<?, ?> s ? (Map<String, Object>) s : null;
        Map<String, Integer> excluded = null;
        if (m.get("excluded_from_chosen") instanceof Map<?, ?> e) {
            excluded = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : e.entrySet()) {
                if (!(entry.getValue() instanceof Long n)) throw new DataFileException(file, "excluded_from_chosen." + entry.getKey() + " must be a whole number");
                excluded.put(String.valueOf(entry.getKey()), Math.toIntExact(n));
            }
        }
        return new CurationStats(string(m, "method"), string(m, "contrast"), string(m, "preset"), settings, integer(m, "prompts"),
                integer(m, "prompts_without_pair"), integer(m, "pairs"), integer(m, "shared_prefix_pairs"), integer(m, "depth0_pairs"),
                m.get("llm_calls") instanceof Long l ? l : null, m.get("generated_tokens") instanceof Long l ? l : null,
                m.get("llm_calls_per_pair") instanceof Number n ? n.doubleValue() : null,
                m.get("generated_tokens_per_pair") instanceof Number n ? n.doubleValue() : null, excluded);
    }

    private static String string(Map<?, ?> m, String field) {
        return m.get(field) instanceof String s ? s : null;
    }

    private static Integer integer(Map<?, ?> m, String field) {
        return m.get(field) instanceof Long l && l == l.intValue() ? l.intValue() : null;
    }

    /** Writes the stats to this file. */
    public void writeTo(Path file) {
        AtomicFiles.write(file, PyJson.dumps(toJson()) + "\n");
    }

    /** The stats as JSON fields, in file order. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        if (contrast != null) m.put("contrast", contrast);
        if (preset != null) m.put("preset", preset);
        if (settings != null) m.put("settings", settings);
        m.put("prompts", prompts);
        m.put("prompts_without_pair", promptsWithoutPair);
        m.put("pairs", pairs);
        if (sharedPrefixPairs != null) m.put("shared_prefix_pairs", sharedPrefixPairs);
        if (depth0Pairs != null) m.put("depth0_pairs", depth0Pairs);
        m.put("llm_calls", llmCalls);
        m.put("generated_tokens", generatedTokens);
        m.put("llm_calls_per_pair", llmCallsPerPair);
        m.put("generated_tokens_per_pair", generatedTokensPerPair);
        if (excluded != null) m.put("excluded_from_chosen", excluded);
        return m;
    }
}
