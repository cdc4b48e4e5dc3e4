package dev.jack.judge;

import dev.jack.core.Parallel;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.JsonlReader;
import dev.jack.llm.Backend;
import dev.jack.llm.GenerationRequest;
import dev.jack.llm.Prompt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * CrossEval-style evaluation: a judge rates a response on 1–5 with three expert-rated reference
 * responses in its prompt, and the report gives per-capability scores on 1–100, individual against
 * cross capabilities (the "law of the weakest link"), and judge–human agreement.
 */
public final class CrossEval {
    /** A reference response with its two expert ratings (1–5) and their explanations. */
    public record Reference(String response, List<Integer> ratings, List<String> explanations) {
        public double meanRating() {
            return ratings.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
        }
    }

    /** One prompt of the table. Cross capabilities are named "A & B". */
    public record Item(String promptId, String capability, String difficulty, String categories, String prompt,
                       List<Reference> references) {}

    /**
     * Reads the CrossEval table as JSONL with its columns: prompt_id, capability, difficulty,
     * l2_category and l3_category (or categories), prompt, and for i = 1..3 response_i,
     * response_i_human_j_rating and response_i_human_j_explanation for j = 1..2.
     */
    public static List<Item> read(Path table) {
        List<Item> items = new ArrayList<>();
        JsonlReader.forEach(table, row -> {
            List<Reference> refs = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                List<Integer> ratings = new ArrayList<>();
                List<String> explanations = new ArrayList<>();
                for (int j = 1; j <= 2; j++) {
                    String field = "response_" + i + "_human_" + j + "_rating";
                    long rating = row.integer(field);
                    if (rating < 1 || rating > 5) throw row.error(field, "must be between 1 and 5, got " + rating);
                    ratings.add((int) rating);
                    explanations.add(row.string("response_" + i + "_human_" + j + "_explanation"));
                }
                refs.add(new Reference(row.string("response_" + i), List.copyOf(ratings), List.copyOf(explanations)));
            }
            String categories = row.has("categories") ? row.string("categories")
                    : (row.has("l2_category") ? row.string("l2_category") : "") + (row.has("l3_category") ? " / " + row.string("l3_category") : "");
            items.add(new Item(row.string("prompt_id"), row.string("capability"), row.has("difficulty") ? row.string("difficulty") : "",
                    categories, row.string("prompt"), List.copyOf(refs)));
        });
        if (items.isEmpty()) throw new DataFileException(table, "no prompts");
        return items;
    }

    /** The judge's prompt; {@code leaveOut} (0-based, or -1) removes the reference being judged itself. */
    public static String judgePrompt(Templates templates, Item item, String response, int leaveOut) {
        StringBuilder refs = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < item.references().size(); i++) {
            if (i == leaveOut) continue;
            Reference r = item.references().get(i);
            refs.append("[Reference ").append(++shown).append("]\n").append(r.response().strip()).append("\n");
            for (int j = 0; j < r.ratings().size(); j++) {
                refs.append("Expert ").append(j + 1).append(" rating: ").append(r.ratings().get(j)).append("/5. Explanation: ")
                        .append(r.explanations().get(j).strip()).append("\n");
            }
            refs.append("\n");
        }
        Map<String, String> values = new HashMap<>();
        values.put("references", refs.toString().strip());
        values.put("prompt", item.prompt());
        values.put("response", response);
        return Templates.fill(templates.load("crosseval.txt"), values);
    }

    private static final String HINT = "\n\nYour previous answer did not end with a valid rating. End with one line of the form Score: X/5 where X is 1, 2, 3, 4 or 5.";

    /** Asks for a rating, retrying with a hint when the score cannot be read or is out of range (at most 5 attempts). */
    public static OptionalDouble judge(Backend backend, String judgePrompt, long seed, int maxTokens) {
        String prompt = judgePrompt;
        for (int attempt = 0; attempt < 5; attempt++) {
            String answer = backend.generate(new GenerationRequest(new Prompt.Chat(List.of(Prompt.Message.user(prompt))), 1, 0.0,
                    null, null, seed + attempt, maxTokens, List.of(), null)).join().completions().getFirst().text();
            OptionalDouble score = Scores.parse(answer, 1, 5);
            if (score.isPresent()) return score;
            prompt = judgePrompt + HINT;
        }
        return OptionalDouble.empty();
    }

    /** A part of the report and the ratings that could not be read in making it. */
    public record Judged(Map<String, Object> report, Unreadable unreadable) {}

    /**
     * Rates the model's responses ({@code answers}: prompt id → response) against each item's three references:
     * the report's per-capability means ({@link #report}), {@code unscored_after_5_attempts} and {@code unanswered}.
     * Item i of those answered uses seed + i; at most {@code concurrency} ratings run at once.
     */
    public static Judged judgeResponses(Backend backend, Templates templates, List<Item> items, Map<String, String> answers, long seed,
                                        int concurrency, int maxTokens) {
        List<Item> answered = items.stream().filter(it -> answers.containsKey(it.promptId())).toList();
        List<OptionalDouble> scores = Parallel.map(answered.size(), concurrency, i -> judge(backend,
                judgePrompt(templates, answered.get(i), answers.get(answered.get(i).promptId()), -1), seed + i, maxTokens));
        Map<String, Double> byId = new LinkedHashMap<>();
        List<String> unscored = new ArrayList<>();
        for (int i = 0; i < answered.size(); i++) {
            if (scores.get(i).isPresent()) byId.put(answered.get(i).promptId(), scores.get(i).getAsDouble());
            else unscored.add(answered.get(i).promptId());
        }
        Map<String, Object> report = new LinkedHashMap<>(report(items, byId));
        report.put("unscored_after_5_attempts", unscored);
        report.put("unanswered", items.stream().filter(it -> !answers.containsKey(it.promptId())).map(Item::promptId).toList());
        return new Judged(report, new Unreadable("ratings of the responses (after 5 attempts each)", unscored.size(), answered.size(), "unscored"));
    }

    /**
     * Judge-human agreement ({@link #agreement}): the judge rates every reference, leaving it out of the prompt; a
     * reference whose rating cannot be read after 5 attempts is left out of the correlations. Job k uses seed + k.
     */
    public static Judged judgeAgreement(Backend backend, Templates templates, List<Item> items, long seed, int concurrency, int maxTokens) {
        List<int[]> jobs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) for (int r = 0; r < items.get(i).references().size(); r++) jobs.add(new int[] {i, r});
        List<OptionalDouble> scores = Parallel.map(jobs.size(), concurrency, k -> {
            Item item = items.get(jobs.get(k)[0]);
            int r = jobs.get(k)[1];
            return judge(backend, judgePrompt(templates, item, item.references().get(r).response(), r), seed + k, maxTokens);
        });
        List<Integer> itemOf = new ArrayList<>();
        List<Double> judged = new ArrayList<>();
        List<Double> human = new ArrayList<>();
        for (int k = 0; k < jobs.size(); k++) {
            if (scores.get(k).isEmpty()) continue;
            itemOf.add(jobs.get(k)[0]);
            judged.add(scores.get(k).getAsDouble());
            human.add(items.get(jobs.get(k)[0]).references().get(jobs.get(k)[1]).meanRating());
        }
        return new Judged(agreement(items, itemOf, judged, human),
                new Unreadable("ratings of the references (after 5 attempts each)", jobs.size() - judged.size(), jobs.size(), "dropped from the agreement"));
    }

    /** (s − 1) · 24.75 + 1: the 1–5 scale onto 1–100. */
    public static double rescale(double score) {
        return (score - 1) * 24.75 + 1;
    }

    /**
     * Per-capability means on the 1–100 scale, and for each cross capability "A & B" where both
     * individual capabilities were scored: where it stands relative to them and how far above the weaker.
     */
    public static Map<String, Object> report(List<Item> items, Map<String, Double> scoreByPromptId) {
        Map<String, double[]> sums = new TreeMap<>();
        for (Item item : items) {
            Double s = scoreByPromptId.get(item.promptId());
            if (s == null) continue;
            double[] acc = sums.computeIfAbsent(item.capability(), k -> new double[2]);
            acc[0] += rescale(s);
            acc[1]++;
        }
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((capability, acc) -> means.put(capability, acc[0] / acc[1]));
        Map<String, Double> individual = new LinkedHashMap<>();
        Map<String, Double> cross = new LinkedHashMap<>();
        means.forEach((c, v) -> (c.contains(" & ") ? cross : individual).put(c, v));
        Map<String, Object> weakestLink = new LinkedHashMap<>();
        cross.forEach((c, v) -> {
            String[] parts = c.split(" & ", 2);
            Double a = individual.get(parts[0].strip());
            Double b = individual.get(parts[1].strip());
            if (a == null || b == null) return;
            double weaker = Math.min(a, b);
            double stronger = Math.max(a, b);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("score", v);
            entry.put("weaker", weaker);
            entry.put("stronger", stronger);
            entry.put("position", v < weaker ? "below both" : v <= stronger ? "between" : "above both");
            entry.put("above_weaker", v - weaker);
            weakestLink.put(c, entry);
        });
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("individual", individual);
        r.put("cross", cross);
        r.put("weakest_link", weakestLink);
        return r;
    }

    /**
     * Judge–human agreement, overall and per capability: Pearson, Spearman and Kendall between the
     * judge's scores and the mean human ratings of the same responses ({@code itemOf.get(k)} is the
     * item of the k-th pair).
     */
    public static Map<String, Object> agreement(List<Item> items, List<Integer> itemOf, List<Double> judge, List<Double> human) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("overall", correlations(judge, human));
        Map<String, List<Integer>> byCapability = new TreeMap<>();
        for (int k = 0; k < itemOf.size(); k++) byCapability.computeIfAbsent(items.get(itemOf.get(k)).capability(), c -> new ArrayList<>()).add(k);
        Map<String, Object> per = new LinkedHashMap<>();
        byCapability.forEach((c, ks) -> per.put(c, correlations(ks.stream().map(judge::get).toList(), ks.stream().map(human::get).toList())));
        r.put("by_capability", per);
        return r;
    }

    static Map<String, Object> correlations(List<Double> judge, List<Double> human) {
        double[] x = judge.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = human.stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", x.length);
        m.put("pearson", definedOrNull(Correlation.pearson(x, y)));
        m.put("spearman", definedOrNull(Correlation.spearman(x, y)));
        m.put("kendall", definedOrNull(Correlation.kendall(x, y)));
        return m;
    }

    /** An undefined correlation (too few points, or no variance) is null, so the report stays valid JSON. */
    private static Double definedOrNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
