package dev.jack.pipeline.stage;

import dev.jack.core.Seeds;
import dev.jack.core.constraint.Span;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.CurationStats;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.PassRates;
import dev.jack.core.data.PreferencePair;
import dev.jack.core.data.ScoredSample;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.Verdicts;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.json.Json;
import dev.jack.core.json.JsonException;
import dev.jack.core.json.PyJson;
import dev.jack.core.synth.DifficultyThresholds;
import dev.jack.core.text.PyText;
import dev.jack.pipeline.Check;
import dev.jack.pipeline.Inputs;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;
import dev.jack.pipeline.stage.ReportCharts.Run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code jack report}: one self-contained HTML file (no network, no external script) with the run's figures and a
 * browsable sample of pairs. The numbers come from {@link ReportCharts} and are embedded as JSON; a small inline
 * script draws them as SVG bar charts. For each pair shown, both responses are checked again against the prompt's
 * constraints (from {@code prompts}) to show which each passed and failed under the strict checker, with the spans
 * that decide each verdict highlighted ({@link dev.jack.core.constraint.Constraint#spans}). With {@code scored}, the
 * prompts' measured difficulty (pass@1, binned by the thresholds); with {@code ablations} ({@code jack ablate}'s
 * {@code ablations.json}), the matched comparisons: what each holds fixed and how its variants differ.
 */
public record ReportStage(List<Path> pairs, Path scored, Path prompts, Path ablations, Path out, Options options) implements Stage {
    /**
     * Pairs shown in the browser (0 or more), the seed that picks them, the Punkt folder for the checks (null: Jack's
     * own), and the thresholds of measured difficulty tiers.
     */
    public record Options(int sample, long seed, Path punktDir, DifficultyThresholds thresholds) {
        public Options {
            Check.atLeast("sample", sample, 0);
            if (thresholds == null) thresholds = DifficultyThresholds.DEFAULT;
        }

        /** With the default thresholds. */
        public Options(int sample, long seed, Path punktDir) {
            this(sample, seed, punktDir, null);
        }
    }

    @Override
    public Record settings() {
        return options;
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public List<Path> inputs() {
        List<Path> stats = pairs.stream().map(CurationStats::pathFor).toList();
        return Inputs.of(pairs, stats, scored, prompts, ablations, Inputs.punkt(options.punktDir()));
    }

    @Override
    public List<Path> outputs() {
        return List.of(out);
    }

    @Override
    public Status run(StageContext context) {
        Verifier verifier = new Verifier(context.text(options.punktDir()));
        List<PromptTier> tiers = prompts == null ? List.of() : PromptTier.read(prompts);
        Map<Long, IfevalPrompt> byKey = prompts == null ? Map.of() : ScoreStage.promptsByKey(prompts);
        List<Run> runs = new ArrayList<>();
        for (Path file : pairs) {
            List<PreferencePair> rows = new ArrayList<>();
            JsonlReader.forEach(file, row -> {
                for (String field : List.of("prompt", "chosen", "rejected", "chosen_reward", "rejected_reward")) {
                    if (!row.has(field)) throw row.error(field, "is missing (not a jack curate output?)");
                }
                rows.add(PreferencePair.read(row));
            });
            runs.add(ReportCharts.run(file.getFileName().toString(), rows, CurationStats.readFor(file), tiers));
        }
        List<ScoredSample> scoredRows = scored == null ? List.of() : JsonlReader.readAll(scored, ScoredSample::read);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subtitle", subtitle(runs));
        int pairCount = runs.stream().mapToInt(r -> r.pairs().size()).sum();
        data.put("noPairs", pairCount > 0 ? null : "These files hold no pairs: no prompt gave two responses with different rewards"
                + " (the Runs table shows how many prompts each method worked on), so the charts about pairs are empty.");
        data.put("runs", runs.stream().map(ReportStage::runRow).toList());
        Map<String, Object> charts = new LinkedHashMap<>();
        charts.put("rewards", ReportCharts.rewards(runs, scoredRows).toJson());
        charts.put("pass-rates", ReportCharts.passRates(scoredRows).toJson());
        charts.put("contrast", ReportCharts.contrast(runs).toJson());
        charts.put("prefix", ReportCharts.prefix(runs).toJson());
        charts.put("difficulty", ReportCharts.difficulty(runs, tiers).toJson());
        charts.put("cost", ReportCharts.cost(runs).toJson());
        List<PassRates> rates = scoredRows.isEmpty() || scoredRows.stream().anyMatch(s -> s.strict() == null) ? List.of() : ScoreStage.passRates(scoredRows);
        charts.put("pass-at-1", ReportCharts.passAt1(rates, options.thresholds()).toJson());
        charts.put("difficulty-measured", rates.isEmpty() ? new ReportCharts.Chart("measured difficulty tier", "pairs per prompt", List.of(), List.of(), false,
                "give --scored (jack score output) for measured difficulty").toJson()
                : ReportCharts.difficulty(runs, ReportCharts.measuredTiers(rates, options.thresholds())).toJson());
        data.put("charts", charts);
        data.put("ablations", ablations == null ? null : readAblations(ablations));
        data.put("pairs", samplePairs(runs, byKey, verifier));
        AtomicFiles.write(out, template().replace("/*DATA*/", PyJson.dumps(data).replace("</", "<\\/")));
        context.out().printf("report of %d run%s (%d pairs); wrote %s%n", runs.size(), runs.size() == 1 ? "" : "s", pairCount, out);
        return Status.DONE;
    }

    private static String subtitle(List<Run> runs) {
        Set<String> models = new HashSet<>();
        for (Run r : runs) for (PreferencePair p : r.pairs()) if (p.model() != null) models.add(p.model());
        String model = models.isEmpty() ? "" : " · model " + String.join(", ", models.stream().sorted().toList());
        String noise = models.stream().anyMatch(m -> m.startsWith("tiny")) ? " · the tiny model has random weights: its text is noise" : "";
        return String.join(", ", runs.stream().map(Run::name).toList()) + model + noise;
    }

    private static Map<String, Object> runRow(Run r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.name());
        m.put("method", r.method());
        m.put("prompts", r.prompts());
        m.put("pairs", r.pairs().size());
        m.put("pairsPerPrompt", r.pairsPerPrompt());
        m.put("withoutPair", r.withoutPair());
        m.put("callsPerPair", r.callsPerPair());
        m.put("tokensPerPair", r.tokensPerPair());
        m.put("excluded", r.stats() == null ? null : r.stats().excludedTotal());
        return m;
    }

    private List<Map<String, Object>> samplePairs(List<Run> runs, Map<Long, IfevalPrompt> prompts, Verifier verifier) {
        record Ref(Run run, PreferencePair pair) {}
        List<Ref> all = new ArrayList<>();
        for (Run run : runs) for (PreferencePair p : run.pairs()) all.add(new Ref(run, p));
        Collections.shuffle(all, Seeds.shuffler(options.seed()));
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Ref ref : all.subList(0, Math.min(options.sample(), all.size()))) {
            PreferencePair r = ref.pair();
            String chosen = r.chosen();
            String rejected = r.rejected();
            int prefix = r.sharedPrefixChars() == null ? 0 : Math.min(r.sharedPrefixChars(), Math.min(chosen.length(), rejected.length()));
            IfevalPrompt prompt = r.key() == null ? null : prompts.get(r.key());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("method", ref.run().method() + " · " + ref.run().name());
            p.put("key", r.key());
            p.put("depth", r.depth() == null ? 0 : r.depth());
            p.put("chosenReward", r.chosenReward());
            p.put("rejectedReward", r.rejectedReward());
            p.put("gap", r.rewardGap());
            p.put("prompt", r.system() == null ? r.prompt() : "system: " + r.system() + "\n\nuser: " + r.prompt());
            p.put("prefix", chosen.substring(0, prefix));
            p.put("chosenRest", chosen.substring(prefix));
            p.put("rejectedRest", rejected.substring(prefix));
            p.put("chosenFinish", r.chosenFinishReason());
            p.put("rejectedFinish", r.rejectedFinishReason());
            p.put("chosenChecks", prompt == null ? null : checks(prompt, chosen, verifier));
            p.put("rejectedChecks", prompt == null ? null : checks(prompt, rejected, verifier));
            p.put("chosenSpans", prompt == null ? List.of() : spans(prompt, chosen, verifier));
            p.put("rejectedSpans", prompt == null ? List.of() : spans(prompt, rejected, verifier));
            shown.add(p);
        }
        return shown;
    }

    /** Each constraint of the prompt with the strict verdict on a response, in the prompt's order. */
    private static List<Map<String, Object>> checks(IfevalPrompt prompt, String response, Verifier verifier) {
        Verdicts v = verifier.verify(prompt.constraints(), response);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < prompt.instructionIds().size(); i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", prompt.instructionIds().get(i));
            c.put("passed", v.strict().get(i));
            out.add(c);
        }
        return out;
    }

    /** Every constraint's spans on a response (UTF-16 offsets, as the page's script indexes strings), with its verdict. */
    private static List<Map<String, Object>> spans(IfevalPrompt prompt, String response, Verifier verifier) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (PyText.isBlank(response)) return out;
        Verdicts v = verifier.verify(prompt.constraints(), response);
        for (int i = 0; i < prompt.constraints().size(); i++) {
            for (Span s : prompt.constraints().get(i).spans(response, verifier.text())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", prompt.instructionIds().get(i));
                m.put("passed", v.strict().get(i));
                m.put("start", s.start());
                m.put("end", s.end());
                m.put("label", s.label());
                out.add(m);
            }
        }
        return out;
    }

    /** jack ablate's ablations.json, as it is (the page reads its comparisons and variants). */
    private static Object readAblations(Path file) {
        try {
            Object doc = Json.parse(Files.readString(file));
            if (!(doc instanceof Map<?, ?> m) || !(m.get("comparisons") instanceof Map<?, ?>) || !(m.get("variants") instanceof Map<?, ?>)) {
                throw new DataFileException(file, "not jack ablate's ablations.json (it needs comparisons and variants)");
            }
            return doc;
        } catch (JsonException e) {
            throw new DataFileException(file, "not JSON: " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String template() {
        try (InputStream in = ReportStage.class.getResourceAsStream("/dev/jack/pipeline/report.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
