package dev.jack.pipeline.stage;

import dev.jack.core.Choices;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.FileSet;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.PairFormat;
import dev.jack.core.data.PreferencePair;
import dev.jack.core.json.PyJson;
import dev.jack.judge.CritiqueJudge;
import dev.jack.judge.CritiqueSet;
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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jack judge critiques}: a critique training set (Critic-RM style, {@link CritiqueSet}) from preference pairs:
 * m critiques per response, kept where they agree with the preference, then refined. Rows: {@code pair_id},
 * {@code side}, {@code prompt}, {@code response}, {@code critique}, {@code score}. A critique without a readable
 * score never agrees, so it is dropped (and counted). Each pair's critiques go to {@code OUT.journal.jsonl} as they
 * come, so a killed run resumes where it stopped and ends with the same output as an uninterrupted one.
 *
 * <p>With {@code joint}, the folder also gets Critic-RM's joint training data (Yu et al. 2024, "Self-Generated
 * Critiques Boost Reward Modeling for Language Models"), in TRL's formats: {@code critique_generation.jsonl} (the
 * critic's request for a response → a kept critique: TRL prompt-completion rows), {@code preferences.jsonl} (every
 * pair as TRL prompt/chosen/rejected, with the kept critiques of each side beside it in {@code chosen_critiques} and
 * {@code rejected_critiques}), and {@code stats.json} (the consistency filter's statistics).
 *
 * @param pairs the pairs files; with more than one, a pair's id is prefixed with its file's name ({@code pairs-rs:3})
 * @param joint the folder for the joint training data, or null
 */
public record CritiquesStage(List<Path> pairs, Path out, Path joint, Options options, ModelOptions judge) implements Stage {
    /**
     * Critiques per response, sampling temperature, refinement and the k kept by {@code topk}, a folder of prompts that
     * replace Jack's (null: none), the seed, the judge's answer length, and the joint data's format.
     */
    public record Options(int m, double temperature, CritiqueSet.Refine refine, int k, Path promptsDir, long seed, int maxTokens, PairFormat format) {
        public Options {
            Check.atLeast("m", m, 1);
            Check.atLeast("temperature", temperature, 0);
            Check.atLeast("k", k, 1);
            Check.atLeast("max_tokens", maxTokens, 1);
        }
    }

    public CritiquesStage {
        pairs = List.copyOf(pairs);
    }

    @Override
    public String name() {
        return "judge-critiques";
    }

    @Override
    public Record settings() {
        return new ModelSettings(options, judge.identity());
    }

    @Override
    public List<Path> inputs() {
        // The prompt files that override Jack's: an edited judge prompt asks the judge again.
        return Inputs.of(pairs, Templates.overrideFiles(options.promptsDir()));
    }

    @Override
    public List<Path> outputs() {
        return Inputs.of(out, journal(), joint);
    }

    @Override
    public List<Path> outputFolders() {
        return Inputs.of(joint);
    }

    private Path journal() {
        return out.resolveSibling(out.getFileName() + ".journal.jsonl");
    }

    /** A pair, its journal key (file number and line) and its id in the output. */
    private record Pair(String key, String id, PreferencePair pair) {}

    @Override
    public Status run(StageContext context) {
        List<Pair> all = new ArrayList<>();
        for (int f = 0; f < pairs.size(); f++) {
            // An empty pairs file (a curation that made no pair) adds nothing.
            List<JsonlReader.Row> rows = JsonlReader.readAll(pairs.get(f), r -> r);
            String stem = Inputs.replaceJsonl(pairs.get(f), "").getFileName().toString();
            for (int i = 0; i < rows.size(); i++) {
                JsonlReader.Row row = rows.get(i);
                String id = row.has("id") ? String.valueOf(row.fields().get("id")) : String.valueOf(i);
                all.add(new Pair(f + ":" + row.line(), pairs.size() > 1 ? stem + ":" + id : id, PreferencePair.read(row)));
            }
        }
        Templates templates = new Templates(options.promptsDir());
        JudgeJournal.Outcome outcome;
        CritiqueJudge j;
        try (Backend backend = judge.open(OpenAiBackend.Endpoint.CHAT, context)) {
            j = new CritiqueJudge(backend, templates, 1, 10, options.temperature(), options.maxTokens());
            List<JudgeJournal.Item> items = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                // The index seeds the critiques: part of what a result is computed from.
                PreferencePair pair = all.get(i).pair();
                items.add(new JudgeJournal.Item(all.get(i).key(), PyJson.dumps(List.of(i, all.get(i).id(), CritiqueJudge.request(pair.system(), pair.prompt()),
                        pair.chosen(), pair.rejected()))));
            }
            outcome = JudgeJournal.run(this, context, journal(), pairs, items, judge.inFlight(), i -> {
                Pair p = all.get(i);
                CritiqueSet.Built set = CritiqueSet.build(backend, templates, j, p.id(), i, CritiqueJudge.request(p.pair().system(), p.pair().prompt()), p.pair().chosen(), p.pair().rejected(),
                        options.m(), options.refine(), options.k(), options.seed(), options.maxTokens());
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("pair_id", p.id());
                line.put("rows", set.rows().stream().map(CritiqueSet.Row::toJson).toList());
                line.put("critiques", set.critiques());
                line.put("unreadable", set.unreadable());
                line.put("consistent_chosen", set.consistentChosen());
                line.put("consistent_rejected", set.consistentRejected());
                return line;
            });
        }
        if (!outcome.complete()) {
            context.out().printf("%d of %d pairs critiqued; rerun the same command to retry the rest%n", all.size() - outcome.failures().size(), all.size());
            return Status.INCOMPLETE;
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        long critiques = 0;
        long unreadable = 0;
        long consistentChosen = 0;
        long consistentRejected = 0;
        int droppedSides = 0;
        int bothSides = 0;
        for (Map<String, Object> r : outcome.results()) {
            List<?> rows = (List<?>) r.get("rows");
            for (Object row : rows) lines.add(cast(row));
            long sides = rows.stream().map(row -> ((Map<?, ?>) row).get("side")).distinct().count();
            droppedSides += 2 - (int) sides;
            if (sides == 2) bothSides++;
            critiques += (Long) r.get("critiques");
            unreadable += (Long) r.get("unreadable");
            consistentChosen += (Long) r.get("consistent_chosen");
            consistentRejected += (Long) r.get("consistent_rejected");
        }
        Unreadable tally = new Unreadable("critiques (no score in range)", unreadable, critiques, "dropped");
        // The critiques and the joint data are replaced as one set.
        try (FileSet set = new FileSet()) {
            AtomicFiles.writeJsonl(set.stage(out), lines);
            if (joint != null) {
                Map<String, Object> stats = new LinkedHashMap<>();
                stats.put("pairs", all.size());
                stats.put("critiques_per_response", options.m());
                Map<String, Object> filter = new LinkedHashMap<>();
                long sampled = (long) options.m() * all.size();
                filter.put("chosen", sampledAndKept(sampled, consistentChosen));
                filter.put("rejected", sampledAndKept(sampled, consistentRejected));
                filter.put("kept_share", sampled == 0 ? 0.0 : (consistentChosen + consistentRejected) / (2.0 * sampled));
                filter.put("pairs_with_both_sides", bothSides);
                filter.put("sides_without_critique", droppedSides);
                stats.put("consistency_filter", filter);
                stats.put("refine", Choices.label(options.refine()));
                stats.put("critique_rows", lines.size());
                stats.put("unreadable", tally.toJson());
                writeJoint(set, all, outcome.results(), lines, j, stats);
            }
            set.commit();
        }
        context.out().printf("%d pairs; %d responses had no critique that agreed with the preference; wrote %s%n", all.size(), droppedSides, out);
        if (joint != null) {
            context.out().printf("joint training data: %d critique-generation rows, %d preference rows, stats in %s%n", lines.size(), all.size(),
                    joint.resolve("stats.json"));
        }
        Judges.tell(context, new LinkedHashMap<>(), List.of(tally));
        return Status.DONE;
    }

    private void writeJoint(FileSet set, List<Pair> all, List<Map<String, Object>> results, List<Map<String, Object>> critiqueRows, CritiqueJudge j,
                            Map<String, Object> stats) {
        boolean messages = options.format() == PairFormat.MESSAGES;
        List<Map<String, Object>> generation = new ArrayList<>();
        for (Map<String, Object> r : critiqueRows) {
            String request = j.pointwisePrompt((String) r.get("prompt"), (String) r.get("response"));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("prompt", messages ? List.of(turn("user", request)) : request);
            row.put("completion", messages ? List.of(turn("assistant", (String) r.get("critique"))) : r.get("critique"));
            row.put("pair_id", r.get("pair_id"));
            row.put("side", r.get("side"));
            row.put("score", r.get("score"));
            generation.add(row);
        }
        List<Map<String, Object>> preferences = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            PreferencePair p = all.get(i).pair();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("prompt", messages ? List.of(turn("user", p.prompt())) : p.prompt());
            row.put("chosen", messages ? List.of(turn("assistant", p.chosen())) : p.chosen());
            row.put("rejected", messages ? List.of(turn("assistant", p.rejected())) : p.rejected());
            row.put("pair_id", all.get(i).id());
            for (String side : List.of("chosen", "rejected")) {
                row.put(side + "_critiques", ((List<?>) results.get(i).get("rows")).stream().map(x -> (Map<?, ?>) x)
                        .filter(x -> side.equals(x.get("side"))).map(x -> x.get("critique")).toList());
            }
            preferences.add(row);
        }
        AtomicFiles.writeJsonl(set.stage(joint.resolve("critique_generation.jsonl")), generation);
        AtomicFiles.writeJsonl(set.stage(joint.resolve("preferences.jsonl")), preferences);
        AtomicFiles.write(set.stage(joint.resolve("stats.json")), PyJson.dumps(stats) + "\n");
    }

    private static Map<String, Object> sampledAndKept(long sampled, long kept) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sampled", sampled);
        m.put("kept", kept);
        return m;
    }

    private static Map<String, Object> turn(String role, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object row) {
        return (Map<String, Object>) row;
    }
}
