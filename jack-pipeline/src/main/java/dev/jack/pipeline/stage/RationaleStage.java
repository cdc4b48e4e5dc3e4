package dev.jack.pipeline.stage;

import dev.jack.core.data.JsonlReader;
import dev.jack.core.json.PyJson;
import dev.jack.judge.RationaleMetrics;
import dev.jack.judge.Templates;
import dev.jack.judge.VerdictProbability;
import dev.jack.llm.Backend;
import dev.jack.llm.OpenAiBackend;
import dev.jack.pipeline.Check;
import dev.jack.pipeline.IntRange;
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
 * {@code jack judge rationale}: critiques measured as rationales ({@link RationaleMetrics}): leakage-adjusted
 * simulatability over all rows, and comprehensiveness and sufficiency, with the judge's verdict probabilities, over
 * the critiques that quote the response. Each critique's measures go to {@code OUT.journal.jsonl} as they are made, so
 * a killed run resumes where it stopped.
 */
public record RationaleStage(Path critiques, Path out, Options options, ModelOptions judge) implements Stage {
    /** The score scale, the simulator's cross-validation folds (at least 2), and the judge's answer length. */
    public record Options(IntRange scale, int folds, int maxTokens) {
        public Options {
            scale.check("scale", Integer.MIN_VALUE);
            Check.atLeast("folds", folds, 2);
            Check.atLeast("max_tokens", maxTokens, 1);
        }
    }

    @Override
    public String name() {
        return "judge-rationale";
    }

    @Override
    public Record settings() {
        return new ModelSettings(options, judge.identity());
    }


    @Override
    public List<Path> inputs() {
        return List.of(critiques);
    }

    @Override
    public List<Path> outputs() {
        return List.of(out, journal());
    }

    /** Each critique's measures, as they are made. */
    private Path journal() {
        return out.resolveSibling(out.getFileName() + ".journal.jsonl");
    }

    @Override
    public Status run(StageContext context) {
        IntRange range = options.scale();
        List<JsonlReader.Row> rows = Judges.rows(critiques);
        List<RationaleMetrics.Example> examples = new ArrayList<>();
        List<RationaleMetrics.Critiqued> critiqued = new ArrayList<>();
        for (JsonlReader.Row r : rows) {
            double score = r.number("score");
            String label = score >= (range.min() + range.max()) / 2.0 ? "high" : "low";
            examples.add(new RationaleMetrics.Example(r.string("prompt") + "\n" + r.string("response"), r.string("critique"), label));
            critiqued.add(new RationaleMetrics.Critiqued(r.string("prompt"), r.string("response"), r.string("critique"), score));
        }
        JudgeJournal.Outcome outcome;
        try (Backend backend = judge.open(OpenAiBackend.Endpoint.CHAT, context)) {
            VerdictProbability p = new VerdictProbability(backend, new Templates(null), range.min(), range.max(), options.maxTokens());
            List<JudgeJournal.Item> items = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                RationaleMetrics.Critiqued c = critiqued.get(i);
                items.add(new JudgeJournal.Item(String.valueOf(rows.get(i).line()), PyJson.dumps(List.of(c.prompt(), c.response(), c.critique(), c.score()))));
            }
            outcome = JudgeJournal.run(this, context, journal(), List.of(critiques), items, judge.inFlight(), i -> {
                RationaleMetrics.Measured m = RationaleMetrics.measure(p, critiqued.get(i));
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("comprehensiveness", m.comprehensiveness());
                line.put("sufficiency", m.sufficiency());
                line.put("asked", m.asked());
                line.put("unreadable", m.unreadable());
                return line;
            });
        }
        if (!outcome.complete()) return Status.INCOMPLETE;
        List<RationaleMetrics.Measured> measured = new ArrayList<>();
        for (Map<String, Object> r : outcome.results()) {
            measured.add(new RationaleMetrics.Measured(r.get("comprehensiveness") instanceof Number n ? n.doubleValue() : null,
                    r.get("sufficiency") instanceof Number n ? n.doubleValue() : null, ((Long) r.get("asked")).intValue(), ((Long) r.get("unreadable")).intValue()));
        }
        RationaleMetrics.Faithfulness f = RationaleMetrics.faithfulness(measured);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("rows", rows.size());
        report.put("las", RationaleMetrics.leakageAdjustedSimulatability(examples, options.folds()));
        report.put("rows_citing_evidence", f.citing());
        report.put("comprehensiveness", f.comprehensiveness());
        report.put("sufficiency", f.sufficiency());
        Judges.tell(context, report, List.of(f.unreadable()));
        Judges.write(out, report);
        context.out().println(PyJson.dumps(report));
        return Status.DONE;
    }
}
