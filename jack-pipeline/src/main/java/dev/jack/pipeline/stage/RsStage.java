package dev.jack.pipeline.stage;

import dev.jack.core.curate.RejectionSampling;
import dev.jack.core.data.CurationStats;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.PairFormat;
import dev.jack.core.data.ScoredSample;
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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * {@code jack curate rs}: rejection sampling, pairs from scored samples with a declared contrast
 * ({@link RejectionSampling}), written as TRL rows ({@link dev.jack.core.data.PreferencePair}) to {@code out}, with
 * {@code OUT.stats.json} beside it and, when asked, {@code .parquet}. With a judge model, the judge's score breaks
 * ties among equal rewards and {@code qualityFloor} drops pairs whose chosen response scores below it.
 */
public record RsStage(Path scored, Path out, Options options, ModelOptions judge) implements Stage {
    /**
     * The pairing ({@link RejectionSampling.Options}: contrast, share of high-contrast prompts with mixed, smallest
     * reward gap, pairs per prompt, seed), the output format, Parquet, and the judge's quality floor (1-10, null: none).
     */
    public record Options(RejectionSampling.Contrast contrast, double highShare, double minGap, int maxPairs, long seed, PairFormat format,
                          boolean parquet, Double qualityFloor) {
        public Options {
            Check.within("high_share", highShare, 0, 1);
            Check.atLeast("min_gap", minGap, 0);
            Check.atLeast("max_pairs", maxPairs, 1);
        }

        /** The pairing alone, for {@link RejectionSampling#curate}. */
        public RejectionSampling.Options pairing() {
            return new RejectionSampling.Options(contrast, highShare, minGap, maxPairs, seed);
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
        return List.of(out, CurationStats.pathFor(out), Inputs.replaceJsonl(out, ".parquet"));
    }

    @Override
    public Status run(StageContext context) {
        boolean judged = judge != null && judge.given();
        if (options.qualityFloor() != null && !judged) throw new OptionException("quality_floor", "needs a judge: --backend and --model");
        Map<Long, List<ScoredSample>> byKey = readScored(scored);
        try (Backend backend = judged ? judge.open(OpenAiBackend.Endpoint.CHAT, context) : null) {
            RejectionSampling.Curated result = curate(byKey, backend);
            Pairs.write(out, result.pairs(), options.format(), options.parquet());
            result.stats(options.contrast()).writeFor(out);
            context.out().printf("%d prompts: %d pairs, %d prompts whose samples all scored the same%s; wrote %s%n",
                    result.prompts(), result.pairs().size(), result.withoutPair(),
                    options.qualityFloor() == null ? "" : ", " + result.belowFloor() + " pairs under the quality floor",
                    out + " and " + CurationStats.pathFor(out));
        }
        return Status.DONE;
    }

    /**
     * Pairs from scored samples grouped by prompt key (pairs come in the map's order), the judge's score breaking ties
     * and applying the quality floor where a judge backend is given (null: none).
     */
    public RejectionSampling.Curated curate(Map<Long, List<ScoredSample>> byKey, Backend judgeBackend) {
        ToDoubleFunction<ScoredSample> score = null;
        if (judgeBackend != null) {
            CritiqueJudge j = new CritiqueJudge(judgeBackend, new Templates(null), 1, 10, 0.0, 1024);
            Map<ScoredSample, Double> memo = new ConcurrentHashMap<>();
            score = s -> memo.computeIfAbsent(s, r -> j.pointwise(r.sample().prompt(), r.sample().response(), 1, options.seed(),
                    CritiqueJudge.Aggregate.MEAN).score().orElse(0));
        }
        return RejectionSampling.curate(byKey, options.pairing(), score, options.qualityFloor());
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

    /** Scored samples grouped by prompt key, in file order; every row needs a reward and a prompt. */
    static Map<Long, List<ScoredSample>> readScored(Path scored) {
        Map<Long, List<ScoredSample>> byKey = new LinkedHashMap<>();
        JsonlReader.forEach(scored, row -> {
            ScoredSample s = readRow(row);
            byKey.computeIfAbsent(s.sample().key(), k -> new ArrayList<>()).add(s);
        });
        return byKey;
    }
}
