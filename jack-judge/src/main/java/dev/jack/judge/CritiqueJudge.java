package dev.jack.judge;

import dev.jack.llm.Backend;
import dev.jack.llm.GenerationRequest;
import dev.jack.llm.GenerationResult;
import dev.jack.llm.Prompt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Critique-first judging (Critic-RM style): the model writes a critique, then a score. Pointwise
 * judging samples m critiques of one response and aggregates their scores; pairwise judging compares
 * two responses with the A/B order drawn from a seed, and optionally asks in both orders.
 */
public final class CritiqueJudge {
    public enum Aggregate { MEAN, MAJORITY }

    /** One sampled critique and the score it ends with (empty when none could be read). */
    public record Critique(String text, OptionalDouble score) {}

    /** The critiques of a response and their aggregated score (empty when none had a readable score). */
    public record Judgement(List<Critique> critiques, OptionalDouble score) {}

    private final Backend backend;
    private final Templates templates;
    private final double min;
    private final double max;
    private final double temperature;
    private final int maxTokens;

    public CritiqueJudge(Backend backend, Templates templates, double min, double max, double temperature, int maxTokens) {
        this.backend = backend;
        this.templates = templates;
        this.min = min;
        this.max = max;
        this.temperature = temperature;
        this.maxTokens = maxTokens;
    }

    private GenerationResult ask(String prompt, int n, long seed) {
        return backend.generate(new GenerationRequest(new Prompt.Chat(List.of(Prompt.Message.user(prompt))), n, temperature,
                null, null, seed, maxTokens, List.of(), null)).join();
    }

    /**
     * The request a judge is shown for a conversation: the user's prompt alone, or, when the response was drawn under
     * a system prompt, both turns labelled ({@code [System]} and {@code [User]}), since the system prompt can carry
     * instructions the response must follow.
     *
     * @param system the system prompt, or null when there was none
     */
    public static String request(String system, String prompt) {
        return system == null ? prompt : "[System]\n" + system + "\n\n[User]\n" + prompt;
    }

    /** The pointwise judge's request for one response: {@code pointwise.txt} filled in (what a critique answers). */
    public String pointwisePrompt(String prompt, String response) {
        Map<String, String> values = new HashMap<>();
        values.put("prompt", prompt);
        values.put("response", response);
        values.put("min", format(min));
        values.put("max", format(max));
        return Templates.fill(templates.load("pointwise.txt"), values);
    }

    /** m critiques of one response (one request with n = m, the given seed) and their aggregated score. */
    public Judgement pointwise(String prompt, String response, int m, long seed, Aggregate aggregate) {
        List<Critique> critiques = new ArrayList<>();
        for (GenerationResult.Completion c : ask(pointwisePrompt(prompt, response), m, seed).completions()) {
            critiques.add(new Critique(c.text(), Scores.parse(c.text(), min, max)));
        }
        return new Judgement(List.copyOf(critiques), aggregate(critiques, aggregate));
    }

    static OptionalDouble aggregate(List<Critique> critiques, Aggregate aggregate) {
        double[] scores = critiques.stream().map(Critique::score).filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).toArray();
        if (scores.length == 0) return OptionalDouble.empty();
        if (aggregate == Aggregate.MEAN) return java.util.Arrays.stream(scores).average();
        // Majority: the most frequent score; ties go to the lower score (the cautious reading).
        Map<Double, Integer> counts = new java.util.TreeMap<>();
        for (double s : scores) counts.merge(s, 1, Integer::sum);
        double best = Double.NaN;
        int bestCount = 0;
        for (Map.Entry<Double, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return OptionalDouble.of(best);
    }

    private static final Pattern VERDICT = Pattern.compile("(?i)verdict\\s*[*_]*\\s*:\\s*[*_]*\\s*(A|B|tie)\\b");

    /**
     * A pairwise judgement: how the first response fared (1 win, 0 loss, 0.5 tie or unreadable verdict; with both
     * orders, the mean of the two), and how many of the judge's answers ({@code asked}) had no readable verdict.
     */
    public record Comparison(double outcome, int asked, int unreadable) {}

    /**
     * How the first response fares against the second. The order shown to the judge is drawn from the seed; with
     * both orders, the two outcomes are averaged.
     */
    public Comparison pairwise(String prompt, String first, String second, long seed, boolean bothOrders) {
        boolean firstIsA = new SplittableRandom(seed).nextBoolean();
        Double outcome = compare(prompt, first, second, firstIsA, seed);
        if (!bothOrders) return new Comparison(outcome == null ? 0.5 : outcome, 1, outcome == null ? 1 : 0);
        Double other = compare(prompt, first, second, !firstIsA, seed + 1);
        return new Comparison(((outcome == null ? 0.5 : outcome) + (other == null ? 0.5 : other)) / 2, 2,
                (outcome == null ? 1 : 0) + (other == null ? 1 : 0));
    }

    /** 1 win, 0 loss, 0.5 tie, or null when the answer names no verdict. */
    private Double compare(String prompt, String first, String second, boolean firstIsA, long seed) {
        Map<String, String> values = new HashMap<>();
        values.put("prompt", prompt);
        values.put("response_a", firstIsA ? first : second);
        values.put("response_b", firstIsA ? second : first);
        String answer = ask(Templates.fill(templates.load("pairwise.txt"), values), 1, seed).completions().getFirst().text();
        String verdict = null;
        Matcher m = VERDICT.matcher(answer);
        while (m.find()) verdict = m.group(1).toUpperCase(java.util.Locale.ROOT);
        if (verdict == null) return null;
        if (verdict.equals("TIE")) return 0.5;
        return verdict.equals("A") == firstIsA ? 1.0 : 0.0;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
