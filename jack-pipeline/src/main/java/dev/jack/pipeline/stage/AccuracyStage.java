package dev.jack.pipeline.stage;

import dev.jack.core.OptionException;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.PreferencePair;
import dev.jack.core.json.PyJson;
import dev.jack.judge.AccuracyJudge;
import dev.jack.judge.CritiqueJudge;
import dev.jack.judge.RewardAccuracy;
import dev.jack.judge.RewardBench;
import dev.jack.judge.Templates;
import dev.jack.judge.Unreadable;
import dev.jack.llm.Backend;
import dev.jack.llm.OpenAiBackend;
import dev.jack.pipeline.Check;
import dev.jack.pipeline.Inputs;
import dev.jack.pipeline.ModelOptions;
import dev.jack.pipeline.ModelSettings;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * {@code jack judge accuracy}: reward accuracy, RewardBench style ({@link RewardAccuracy}), from precomputed scores
 * ({@code rewards}, matched by {@code id}, else by line) or from an LLM judge ({@link AccuracyJudge}), whose answers go
 * to {@code OUT.journal.jsonl} as they come so a killed run resumes where it stopped.
 *
 * <p>Pairs are Jack's pairs files (either format) or any JSONL with {@code prompt}, {@code chosen}, {@code rejected}
 * and optionally {@code subset} and {@code id}; a row without a subset counts in one named after the file
 * ({@code pairs-rs.jsonl} → {@code pairs-rs}); rewards rows hold {@code chosen_score} and {@code rejected_score} (or
 * RewardBench's {@code scores_chosen} and {@code scores_rejected}). Sections: one per subset, or a {@code sections}
 * file, weighted by pair counts.
 *
 * <p>With {@link RewardBench.Version#V1}, RewardBench's sections and example counts are built in ({@link RewardBench}),
 * and a {@code sections} file replaces them. With {@link RewardBench.Version#V2}, rows are RewardBench 2's
 * ({@code id}, {@code prompt}, {@code chosen} and {@code rejected} lists, {@code subset}, optional
 * {@code num_correct}), rewards rows hold {@code scores} (chosen first), the judge rates every completion (pointwise),
 * each prompt scores by best-of-4 and the Ties subset by its own rule; the overall score is the mean of the subsets.
 */
public record AccuracyStage(Path pairs, Path rewards, Path sections, Path out, Options options, ModelOptions judge) implements Stage {
    /**
     * The judge's mode, both A/B orders (pairwise only), the seed (pair i uses seed + i), the judge's answer length, and
     * which RewardBench the pairs are laid out as (null: neither).
     */
    public record Options(AccuracyJudge.Mode mode, boolean bothOrders, long seed, int maxTokens, RewardBench.Version rewardbench) {
        public Options {
            if (bothOrders && mode == AccuracyJudge.Mode.POINTWISE) {
                throw new OptionException("both_orders", "asks a pairwise judge in both A/B orders, so it cannot go with --judge pointwise");
            }
            Check.atLeast("max_tokens", maxTokens, 1);
        }
    }

    @Override
    public String name() {
        return "judge-accuracy";
    }

    @Override
    public Record settings() {
        return rewards != null ? options : new ModelSettings(options, judge.identity());
    }

    @Override
    public List<Path> inputs() {
        return Inputs.of(pairs, rewards, sections);
    }

    @Override
    public List<Path> outputs() {
        return List.of(out, journal());
    }

    private Path journal() {
        return out.resolveSibling(out.getFileName() + ".journal.jsonl");
    }

    /** One row to score: its subset, id, prompt and completions (chosen first), and how many of them are correct. */
    private record Item(String subset, String id, String prompt, List<String> completions, int correct) {}

    @Override
    public Status run(StageContext context) {
        boolean v2 = options.rewardbench() == RewardBench.Version.V2;
        if (v2 && rewards == null && options.mode() == AccuracyJudge.Mode.PAIRWISE) {
            throw new OptionException("judge", "RewardBench 2 is best-of-4: its judge rates every completion, so give --judge pointwise");
        }
        List<JsonlReader.Row> rows = Judges.rows(pairs);
        String fileSubset = Inputs.replaceJsonl(pairs, "").getFileName().toString();
        List<Item> items = new ArrayList<>();
        for (JsonlReader.Row row : rows) items.add(v2 ? v2Item(row) : v1Item(row, fileSubset));
        List<List<Double>> scores = new ArrayList<>();
        List<Double> outcomes = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        if (rewards != null) {
            readRewards(rows, items, scores);
        } else {
            Status status = judge(context, items, scores, outcomes, unreadable);
            if (status != Status.DONE) return status;
        }
        RewardAccuracy accuracy = new RewardAccuracy();
        List<RewardBench.TiesRow> ties = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (!outcomes.isEmpty()) {
                accuracy.add(item.subset(), outcomes.get(i));
                continue;
            }
            double[] s = scores.get(i).stream().mapToDouble(Double::doubleValue).toArray();
            if (!v2) accuracy.addScores(item.subset(), s[0], s[1]);
            else if (item.subset().equals(RewardBench.TIES)) ties.add(tiesRow(rows.get(i), item, s));
            else accuracy.add(item.subset(), RewardBench.bestOf(s));
        }
        if (!ties.isEmpty()) accuracy.put(RewardBench.TIES, RewardBench.ties(ties), ties.size());
        Map<String, List<String>> sectionMap = new LinkedHashMap<>();
        Map<String, Integer> weights = readSections(sectionMap);
        if (sectionMap.isEmpty()) {
            if (options.rewardbench() == RewardBench.Version.V1) {
                sectionMap.putAll(RewardBench.V1_SECTIONS);
                weights = RewardBench.V1_EXAMPLE_COUNTS;
            } else if (v2) {
                for (String s : RewardBench.V2_SUBSETS) sectionMap.put(s, List.of(s));
            } else {
                for (String s : new TreeSet<>(items.stream().map(Item::subset).toList())) sectionMap.put(s, List.of(s));
            }
        }
        Map<String, Object> report = new LinkedHashMap<>(accuracy.report(sectionMap, weights));
        PrintWriter console = context.out();
        console.printf("overall (mean of sections): %.4f%n", (Double) report.get("overall"));
        ((Map<?, ?>) report.get("sections")).forEach((k, v) -> console.printf("  %-30s %.4f%n", k, (Double) v));
        if (report.containsKey("missing_sections")) console.println("sections with no pairs (left out of the overall score): " + report.get("missing_sections"));
        if (rewards == null) Judges.tell(context, report, unreadable);
        Judges.write(out, report);
        console.println("wrote " + out);
        return Status.DONE;
    }

    private static Item v1Item(JsonlReader.Row row, String fileSubset) {
        PreferencePair p = PreferencePair.read(row);
        String subset = row.has("subset") ? row.string("subset") : fileSubset;
        return new Item(subset, row.has("id") ? String.valueOf(row.fields().get("id")) : null, p.prompt(), List.of(p.chosen(), p.rejected()), 1);
    }

    private static Item v2Item(JsonlReader.Row row) {
        List<String> chosen = texts(row, "chosen");
        List<String> completions = new ArrayList<>(chosen);
        completions.addAll(texts(row, "rejected"));
        if (chosen.isEmpty() || completions.size() < 2) throw row.error("rejected", "RewardBench 2 needs a chosen and at least one rejected completion");
        long correct = row.has("num_correct") ? row.integer("num_correct") : chosen.size();
        if (correct < 0 || correct > completions.size()) throw row.error("num_correct", "must be between 0 and " + completions.size());
        return new Item(row.string("subset"), row.has("id") ? String.valueOf(row.fields().get("id")) : null, row.string("prompt"), List.copyOf(completions),
                (int) correct);
    }

    private static List<String> texts(JsonlReader.Row row, String field) {
        if (row.fields().get(field) instanceof String s) return List.of(s);
        List<String> out = new ArrayList<>();
        List<?> list = row.list(field);
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) throw row.error(field + "[" + i + "]", "must be a string");
            out.add(s);
        }
        return out;
    }

    private static RewardBench.TiesRow tiesRow(JsonlReader.Row row, Item item, double[] scores) {
        try {
            return RewardBench.TiesRow.of(item.id() == null ? "" : item.id(), scores, item.correct());
        } catch (IllegalArgumentException e) {
            throw row.error("id", e.getMessage());
        }
    }

    /** Scores from the rewards file: by id when both rows have one, else by line. */
    private void readRewards(List<JsonlReader.Row> rows, List<Item> items, List<List<Double>> scores) {
        List<JsonlReader.Row> given = Judges.rows(rewards);
        Map<String, JsonlReader.Row> byId = new LinkedHashMap<>();
        for (JsonlReader.Row s : given) if (s.has("id")) byId.put(String.valueOf(s.fields().get("id")), s);
        for (int i = 0; i < rows.size(); i++) {
            Item item = items.get(i);
            JsonlReader.Row s = item.id() != null && byId.containsKey(item.id()) ? byId.get(item.id()) : i < given.size() ? given.get(i) : null;
            if (s == null) throw rows.get(i).error("id", "no reward row for this pair in " + rewards);
            if (options.rewardbench() == RewardBench.Version.V2) {
                List<?> list = s.list("scores");
                if (list.size() != item.completions().size()) {
                    throw s.error("scores", "has " + list.size() + " scores for " + item.completions().size() + " completions (chosen first, then rejected)");
                }
                List<Double> values = new ArrayList<>();
                for (int k = 0; k < list.size(); k++) {
                    if (!(list.get(k) instanceof Number n) || !Double.isFinite(n.doubleValue())) throw s.error("scores[" + k + "]", "must be a finite number");
                    values.add(n.doubleValue());
                }
                scores.add(values);
            } else {
                scores.add(List.of(s.number(s.has("scores_chosen") ? "scores_chosen" : "chosen_score"),
                        s.number(s.has("scores_rejected") ? "scores_rejected" : "rejected_score")));
            }
        }
    }

    /** Asks the judge about every item (journaled); fills {@code outcomes} (pairwise) or {@code scores} (pointwise). */
    private Status judge(StageContext context, List<Item> items, List<List<Double>> scores, List<Double> outcomes, List<Unreadable> unreadable) {
        boolean pairwise = options.mode() == AccuracyJudge.Mode.PAIRWISE;
        JudgeJournal.Outcome outcome;
        try (Backend backend = judge.open(OpenAiBackend.Endpoint.CHAT, context)) {
            CritiqueJudge j = new CritiqueJudge(backend, new Templates(null), AccuracyJudge.MIN, AccuracyJudge.MAX, 0.0, options.maxTokens());
            List<JudgeJournal.Item> keyed = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                keyed.add(new JudgeJournal.Item(String.valueOf(i + 1),
                        PyJson.dumps(Arrays.asList(item.subset(), item.id(), item.prompt(), item.completions(), item.correct()))));
            }
            // Every input is read into the items (the judge sees nothing else of them): a changed file redoes the items it changed.
            outcome = JudgeJournal.run(this, context, journal(), inputs(), keyed, judge.inFlight(), i -> {
                Item item = items.get(i);
                Map<String, Object> line = new LinkedHashMap<>();
                if (pairwise) {
                    CritiqueJudge.Comparison c = j.pairwise(item.prompt(), item.completions().get(0), item.completions().get(1), options.seed() + i,
                            options.bothOrders());
                    line.put("outcome", c.outcome());
                    line.put("asked", c.asked());
                    line.put("unreadable", c.unreadable());
                } else {
                    List<Double> s = new ArrayList<>();
                    for (OptionalDouble v : AccuracyJudge.scores(j, item.prompt(), item.completions(), options.seed() + i)) s.add(v.isPresent() ? v.getAsDouble() : null);
                    line.put("scores", s);
                }
                return line;
            });
        }
        if (!outcome.complete()) return Status.INCOMPLETE;
        long asked = 0;
        long unread = 0;
        for (Map<String, Object> r : outcome.results()) {
            if (pairwise) {
                outcomes.add(((Number) r.get("outcome")).doubleValue());
                asked += (Long) r.get("asked");
                unread += (Long) r.get("unreadable");
            } else {
                List<Double> s = new ArrayList<>();
                // An unreadable score counts as the lowest possible: below the scale, so below any readable score.
                for (Object v : (List<?>) r.get("scores")) s.add(v instanceof Number n ? n.doubleValue() : AccuracyJudge.MIN - 1);
                asked += s.size();
                unread += ((List<?>) r.get("scores")).stream().filter(v -> v == null).count();
                scores.add(s);
            }
        }
        unreadable.add(AccuracyJudge.tally(options.mode(), unread, asked));
        return Status.DONE;
    }

    /** Reads the sections file into {@code into}: section → subsets, or {sections, example_counts}; the counts, or null. */
    private Map<String, Integer> readSections(Map<String, List<String>> into) {
        if (sections == null) return null;
        Map<String, Object> file = Judges.readObject(sections);
        boolean nested = file.keySet().equals(java.util.Set.of("sections", "example_counts")) || file.keySet().equals(java.util.Set.of("sections"));
        Map<?, ?> mapping = nested ? object(file.get("sections"), "sections") : file;
        mapping.forEach((name, list) -> {
            if (!(list instanceof List<?> l)) throw new DataFileException(sections, name + ": expected a list of subsets");
            into.put(String.valueOf(name), l.stream().map(String::valueOf).toList());
        });
        if (!nested || !file.containsKey("example_counts")) return null;
        Map<String, Integer> counts = new LinkedHashMap<>();
        object(file.get("example_counts"), "example_counts").forEach((subset, n) -> {
            if (!(n instanceof Long count) || count < 1) throw new DataFileException(sections, "example_counts." + subset + ": expected a whole number >= 1");
            counts.put(String.valueOf(subset), count.intValue());
        });
        return counts;
    }

    private Map<?, ?> object(Object value, String key) {
        if (value instanceof Map<?, ?> m) return m;
        throw new DataFileException(sections, key + ": expected an object");
    }
}
