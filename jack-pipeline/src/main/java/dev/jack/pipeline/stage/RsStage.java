package dev.jack.pipeline.stage;

import dev.jack.core.curate.RejectionSampling;
import dev.jack.core.data.CurationStats;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.PairFormat;
import dev.jack.core.data.ScoredSample;
import dev.jack.core.json.PyJson;
import dev.jack.core.text.Thinking;
import dev.jack.judge.CritiqueJudge;
import dev.jack.judge.Templates;
import dev.jack.llm.Backend;
import dev.jack.llm.OpenAiBackend;
import dev.jack.pipeline.Check;
import dev.jack.pipeline.Inputs;
import dev.jack.pipeline.ModelOptions;
import dev.jack.pipeline.ModelSettings;
import dev.jack.core.OptionException;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code jack curate rs}: rejection sampling, pairs from scored samples with a declared contrast
 * ({@link RejectionSampling}), written as TRL rows ({@link dev.jack.core.data.PreferencePair}) to {@code out}, with
 * {@code OUT.stats.json} beside it and, when asked, {@code .parquet}. With a judge model, the judge's score breaks
 * ties among equal rewards and {@code qualityFloor} drops pairs whose chosen response scores below it; the judge scores
 * every sample once, and each score goes to {@code OUT.judge.jsonl} as it comes, so a killed run resumes. A pair's
 * prompt is the conversation its samples were drawn from, system prompt included (so samples drawn with one need the
 * messages format). A sample cut off at the token limit, with an empty answer or with control-token text is never
 * chosen unless {@code allowTruncated} ({@link dev.jack.core.curate.Flaw}); the stats count them.
 */
public record RsStage(Path scored, Path out, Options options, ModelOptions judge) implements Stage {
    /**
     * The pairing ({@link RejectionSampling.Options}: contrast, share of high-contrast prompts with mixed, smallest
     * reward gap, pairs per prompt, seed), the output format, Parquet, the judge's quality floor (1-10, null: none), what
     * the pairs' chosen and rejected hold of a reasoning model's thinking ({@link Thinking}: strip keeps the answers
     * only), and whether flawed samples may be chosen.
     */
    public record Options(RejectionSampling.Contrast contrast, double highShare, double minGap, int maxPairs, long seed, PairFormat format,
                          boolean parquet, Double qualityFloor, Thinking thinking, boolean allowTruncated) {
        public Options {
            Check.within("high_share", highShare, 0, 1);
            Check.atLeast("min_gap", minGap, 0);
            Check.atLeast("max_pairs", maxPairs, 1);
        }

        /**
         * Pairs from scored samples with these options (the contrast given) and the judge, if any. The format is checked
         * against the samples' system prompt first.
         */
        public RejectionSampling.Curated curate(Map<Long, List<ScoredSample>> byKey, RejectionSampling.Contrast contrast,
                                                ToDoubleFunction<ScoredSample> judge, Double qualityFloor) {
            for (List<ScoredSample> samples : byKey.values()) for (ScoredSample s : samples) format.checkHolds(s.sample().system());
            return RejectionSampling.curate(byKey, new RejectionSampling.Options(contrast, highShare, minGap, maxPairs, seed), thinking,
                    allowTruncated ? null : ScoreStage::flaw, judge, qualityFloor);
        }
    }

    @Override
    public String name() {
        return "rs";
    }

    @Override
    public Record settings() {
        return judge == null || !judge.given() ? options : new ModelSettings(options, judge.identity());
    }


    @Override
    public List<Path> inputs() {
        return List.of(scored);
    }

    @Override
    public List<Path> outputs() {
        return List.of(out, CurationStats.pathFor(out), Inputs.replaceJsonl(out, ".parquet"), judgeJournal());
    }

    /** The judge's score of each sample, journaled as it comes. */
    private Path judgeJournal() {
        return out.resolveSibling(out.getFileName() + ".judge.jsonl");
    }

    @Override
    public Status run(StageContext context) {
        boolean judged = judge != null && judge.given();
        if (options.qualityFloor() != null && !judged) throw new OptionException("quality_floor", "needs a judge: --backend and --model");
        Map<Long, List<ScoredSample>> byKey = readScored(scored);
        ToDoubleFunction<ScoredSample> score = null;
        if (judged) {
            List<ScoredSample> all = byKey.values().stream().flatMap(List::stream).toList();
            JudgeJournal.Outcome outcome;
            try (Backend backend = judge.open(OpenAiBackend.Endpoint.CHAT, context)) {
                CritiqueJudge j = new CritiqueJudge(backend, new Templates(null), 1, 10, 0.0, 1024);
                List<JudgeJournal.Item> items = all.stream().map(r -> new JudgeJournal.Item(r.sample().key() + "/" + r.sample().sampleIndex(),
                        PyJson.dumps(Arrays.asList(CritiqueJudge.request(r.sample().system(), r.sample().prompt()), r.sample().reasoningContent(), r.sample().response())))).toList();
                outcome = JudgeJournal.run(this, context, judgeJournal(), List.of(scored), items, judge.inFlight(), i -> {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("judge_score", judgeScore(j, all.get(i)));
                    return line;
                });
            }
            if (!outcome.complete()) return Status.INCOMPLETE;
            Map<ScoredSample, Double> judgeScores = new java.util.IdentityHashMap<>();
            for (int i = 0; i < all.size(); i++) judgeScores.put(all.get(i), ((Number) outcome.results().get(i).get("judge_score")).doubleValue());
            score = judgeScores::get;
        }
        RejectionSampling.Curated result = options.curate(byKey, options.contrast(), score, options.qualityFloor());
        CurationStats stats = result.stats(options.contrast());
        Pairs.write(out, result.pairs(), options.format(), options.parquet(), stats);
        summary(context.out(), stats, result.belowFloor(), out.toString());
        return Status.DONE;
    }

    /** The stage's summary lines: what the pairs' statistics say, pairs under the quality floor, where they were written. */
    public void summary(PrintWriter console, CurationStats stats, long belowFloor, String where) {
        console.printf("%d prompts: %d pairs, %d prompts without a pair (all samples scored the same, or no better sample could be chosen)%s; wrote %s%n",
                stats.prompts(), stats.pairs(), stats.promptsWithoutPair(),
                options.qualityFloor() == null ? "" : ", " + belowFloor + " pairs under the quality floor", where + " and " + where + ".stats.json");
        console.println(excludedLine(stats, "samples", options.allowTruncated()));
    }

    /**
     * The judge's score of a sample's answer (its reasoning set apart as the options say), 1-10; an unreadable score
     * counts as 0, below the scale.
     */
    public double judgeScore(CritiqueJudge j, ScoredSample r) {
        return j.pointwise(CritiqueJudge.request(r.sample().system(), r.sample().prompt()), options.thinking().apply(r.sample().reasoningContent(), r.sample().response()), 1, options.seed(),
                CritiqueJudge.Aggregate.MEAN).score().orElse(0);
    }

    /** The console's line on the responses kept from being chosen. */
    public static String excludedLine(CurationStats stats, String what, boolean allowed) {
        if (allowed) return "  --allow-truncated: cut-off, empty and control-token responses may be chosen";
        List<String> parts = new ArrayList<>();
        stats.excluded().forEach((flaw, n) -> parts.add(n + " " + flaw));
        return "  " + what + " never chosen: " + stats.excludedTotal() + " (" + String.join(", ", parts) + ")";
    }

    /**
     * A scored sample to pair: it needs a reward, a prompt and a response.
     *
     * @throws dev.jack.core.data.DataFileException naming the row's file, line and field
     */
    public static ScoredSample readRow(JsonlReader.Row row) {
        ScoredSample s = ScoredSample.read(row);
        for (String field : List.of("prompt", "response")) if (!row.has(field)) throw row.error(field, "is missing");
        return s;
    }

    /**
     * Scored samples grouped by prompt key, in file order; every row needs a reward and a prompt, and a prompt's
     * sample indexes are distinct (a repeated one would pair a sample with itself, or with another drawn for the same
     * slot).
     *
     * @throws dev.jack.core.data.DataFileException naming the row's file, line and field, for a repeated
     *     {@code (key, sample_index)} the line of its first row too
     */
    static Map<Long, List<ScoredSample>> readScored(Path scored) {
        Map<Long, List<ScoredSample>> byKey = new LinkedHashMap<>();
        Map<Long, Map<Long, Long>> firstLines = new HashMap<>();
        JsonlReader.forEach(scored, row -> {
            ScoredSample s = readRow(row);
            long key = s.sample().key();
            Long index = s.sample().sampleIndex();
            if (index != null) {
                Long first = firstLines.computeIfAbsent(key, k -> new HashMap<>()).putIfAbsent(index, row.line());
                if (first != null) throw row.error("sample_index", "repeats key " + key + "'s sample " + index + " (first on line " + first + ")");
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        });
        return byKey;
    }
}
