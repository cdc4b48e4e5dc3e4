package dev.jack.judge;

import dev.jack.llm.Backend;
import dev.jack.llm.GenerationRequest;
import dev.jack.llm.Prompt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A training set for reward models that learn to critique (Critic-RM style): critiques of both sides
 * of preference pairs, kept only where their scores agree with the known preference, then refined
 * (the top k by an LLM's ranking, or merged into one summary critique).
 */
public final class CritiqueSet {
    private CritiqueSet() {}

    /** What happens to the agreeing critiques of one response: kept as they are, the top k by an LLM's ranking, or merged into one. */
    public enum Refine { NONE, TOPK, MERGE }

    /**
     * The rows made from one pair, the critiques sampled for it, those (and merged critiques) without a readable score,
     * and how many critiques of each side the consistency filter kept (before refining).
     */
    public record Built(List<Row> rows, int critiques, int unreadable, int consistentChosen, int consistentRejected) {}

    /**
     * The training rows of one pair: m critiques of each side (seeds s and s + 1, s = seed + 1000 · index), kept where
     * they agree with the preference ({@link #consistent}), then refined (ranking with seed s + 2, merging with s + 3).
     */
    public static Built build(Backend backend, Templates templates, CritiqueJudge judge, String pairId, int index, String prompt, String chosen,
                              String rejected, int m, Refine refine, int k, long seed, int maxTokens) {
        long s = seed + 1000L * index;
        List<CritiqueJudge.Critique> ofChosen = judge.pointwise(prompt, chosen, m, s, CritiqueJudge.Aggregate.MEAN).critiques();
        List<CritiqueJudge.Critique> ofRejected = judge.pointwise(prompt, rejected, m, s + 1, CritiqueJudge.Aggregate.MEAN).critiques();
        int unreadable = (int) java.util.stream.Stream.concat(ofChosen.stream(), ofRejected.stream()).filter(c -> c.score().isEmpty()).count();
        int critiques = ofChosen.size() + ofRejected.size();
        List<Row> kept = consistent(pairId, prompt, chosen, rejected, ofChosen, ofRejected);
        int keptChosen = (int) kept.stream().filter(r -> r.side().equals("chosen")).count();
        int keptRejected = kept.size() - keptChosen;
        if (refine == Refine.NONE) return new Built(kept, critiques, unreadable, keptChosen, keptRejected);
        List<Row> refined = new ArrayList<>();
        for (String side : List.of("chosen", "rejected")) {
            List<Row> ofSide = kept.stream().filter(r -> r.side().equals(side)).toList();
            if (ofSide.isEmpty()) continue;
            if (refine == Refine.TOPK) {
                refined.addAll(topK(backend, templates, ofSide, k, s + 2, maxTokens));
            } else {
                critiques++;
                java.util.Optional<Row> merged = merge(backend, templates, ofSide, 1, 10, s + 3, maxTokens);
                if (merged.isEmpty()) unreadable++;
                merged.ifPresent(refined::add);
            }
        }
        return new Built(refined, critiques, unreadable, keptChosen, keptRejected);
    }

    /** One training row: the critique of a response and its score, with the side of the pair it came from. */
    public record Row(String pairId, String side, String prompt, String response, String critique, double score) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pair_id", pairId);
            m.put("side", side);
            m.put("prompt", prompt);
            m.put("response", response);
            m.put("critique", critique);
            m.put("score", score);
            return m;
        }
    }

    /**
     * Consistency filter for one pair: a critique of the chosen response is kept when its score is
     * above the mean score of the rejected response's critiques, and a critique of the rejected one
     * when its score is below the chosen side's mean. Critiques without a score never agree. A side
     * with no agreeing critique contributes no row (the item is dropped).
     */
    public static List<Row> consistent(String pairId, String prompt, String chosen, String rejected,
                                       List<CritiqueJudge.Critique> chosenCritiques, List<CritiqueJudge.Critique> rejectedCritiques) {
        OptionalDouble chosenMean = mean(chosenCritiques);
        OptionalDouble rejectedMean = mean(rejectedCritiques);
        List<Row> rows = new ArrayList<>();
        if (rejectedMean.isPresent()) {
            for (CritiqueJudge.Critique c : chosenCritiques) {
                if (c.score().isPresent() && c.score().getAsDouble() > rejectedMean.getAsDouble()) {
                    rows.add(new Row(pairId, "chosen", prompt, chosen, c.text(), c.score().getAsDouble()));
                }
            }
        }
        if (chosenMean.isPresent()) {
            for (CritiqueJudge.Critique c : rejectedCritiques) {
                if (c.score().isPresent() && c.score().getAsDouble() < chosenMean.getAsDouble()) {
                    rows.add(new Row(pairId, "rejected", prompt, rejected, c.text(), c.score().getAsDouble()));
                }
            }
        }
        return rows;
    }

    private static OptionalDouble mean(List<CritiqueJudge.Critique> critiques) {
        return critiques.stream().map(CritiqueJudge.Critique::score).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).average();
    }

    private static final Pattern RANKING = Pattern.compile("(?i)ranking\\s*:\\s*([0-9][0-9,\\s>]*)");

    /**
     * Keeps the k best critiques of one response as an LLM ranks them ("Ranking: 2, 1, 3"). When the
     * ranking cannot be read, or does not name every critique once, the first k in the given order are kept.
     */
    public static List<Row> topK(Backend backend, Templates templates, List<Row> critiques, int k, long seed, int maxTokens) {
        if (critiques.size() <= k) return critiques;
        Map<String, String> values = values(critiques);
        values.put("count", String.valueOf(critiques.size()));
        String answer = ask(backend, Templates.fill(templates.load("rank.txt"), values), seed, maxTokens);
        List<Integer> order = readRanking(answer, critiques.size());
        List<Row> kept = new ArrayList<>();
        for (int i = 0; i < k; i++) kept.add(critiques.get(order == null ? i : order.get(i)));
        return kept;
    }

    /** The 0-based order in "Ranking: 3, 1, 2", or null unless it names each of 1..n exactly once. */
    static List<Integer> readRanking(String answer, int n) {
        Matcher m = RANKING.matcher(answer);
        String last = null;
        while (m.find()) last = m.group(1);
        if (last == null) return null;
        List<Integer> order = new ArrayList<>();
        for (String part : last.split("[,\\s>]+")) {
            if (part.isBlank()) continue;
            int i = Integer.parseInt(part) - 1;
            if (i < 0 || i >= n || order.contains(i)) return null;
            order.add(i);
        }
        return order.size() == n ? order : null;
    }

    /** Merges the critiques of one response into one summary critique with its own score; empty when the merged score is unreadable. */
    public static java.util.Optional<Row> merge(Backend backend, Templates templates, List<Row> critiques, double min, double max, long seed,
                                                int maxTokens) {
        Map<String, String> values = values(critiques);
        values.put("max", String.valueOf((long) max));
        String merged = ask(backend, Templates.fill(templates.load("merge.txt"), values), seed, maxTokens);
        OptionalDouble score = Scores.parse(merged, min, max);
        if (score.isEmpty()) return java.util.Optional.empty();
        Row first = critiques.getFirst();
        return java.util.Optional.of(new Row(first.pairId(), first.side(), first.prompt(), first.response(), merged.strip(), score.getAsDouble()));
    }

    /** The request, the response and the numbered critiques, for the ranking and merging prompts. */
    private static Map<String, String> values(List<Row> critiques) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < critiques.size(); i++) list.append("[Critique ").append(i + 1).append("]\n").append(critiques.get(i).critique().strip()).append("\n\n");
        Map<String, String> values = new HashMap<>();
        values.put("prompt", critiques.getFirst().prompt());
        values.put("response", critiques.getFirst().response());
        values.put("critiques", list.toString().strip());
        return values;
    }

    private static String ask(Backend backend, String prompt, long seed, int maxTokens) {
        return backend.generate(new GenerationRequest(new Prompt.Chat(List.of(Prompt.Message.user(prompt))), 1, 0.0, null, null,
                seed, maxTokens, List.of(), null)).join().completions().getFirst().text();
    }
}
