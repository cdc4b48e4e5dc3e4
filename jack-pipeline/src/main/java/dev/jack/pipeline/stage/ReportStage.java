package dev.jack.pipeline.stage;

import dev.jack.core.Seeds;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.CurationStats;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.PreferencePair;
import dev.jack.core.data.ScoredSample;
import dev.jack.core.json.PyJson;
import dev.jack.pipeline.Check;
import dev.jack.pipeline.Inputs;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;
import dev.jack.pipeline.stage.ReportCharts.Run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * script draws them as SVG bar charts.
 */
public record ReportStage(List<Path> pairs, Path scored, Path prompts, Path out, Options options) implements Stage {
    /** Pairs shown in the browser (0 or more), and the seed that picks them. */
    public record Options(int sample, long seed) {
        public Options {
            Check.atLeast("sample", sample, 0);
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
        return Inputs.of(pairs, stats, scored, prompts);
    }

    @Override
    public List<Path> outputs() {
        return List.of(out);
    }

    @Override
    public Status run(StageContext context) {
        List<Run> runs = new ArrayList<>();
        for (Path file : pairs) {
            List<PreferencePair> rows = new ArrayList<>();
            JsonlReader.forEach(file, row -> {
                for (String field : List.of("prompt", "chosen", "rejected", "chosen_reward", "rejected_reward")) {
                    if (!row.has(field)) throw row.error(field, "is missing (not a jack curate output?)");
                }
                rows.add(PreferencePair.read(row));
            });
            CurationStats stats = CurationStats.readFor(file);
            String method = rows.isEmpty() ? (stats == null ? "?" : String.valueOf(stats.method())) : String.valueOf(rows.getFirst().method());
            runs.add(new Run(file.getFileName().toString(), method, rows, stats));
        }
        List<ScoredSample> scoredRows = scored == null ? List.of() : JsonlReader.readAll(scored, ScoredSample::read);
        List<PromptTier> tiers = prompts == null ? List.of() : PromptTier.read(prompts);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subtitle", subtitle(runs));
        data.put("runs", runs.stream().map(ReportStage::runRow).toList());
        Map<String, Object> charts = new LinkedHashMap<>();
        charts.put("rewards", ReportCharts.rewards(runs, scoredRows).toJson());
        charts.put("pass-rates", ReportCharts.passRates(scoredRows).toJson());
        charts.put("contrast", ReportCharts.contrast(runs).toJson());
        charts.put("prefix", ReportCharts.prefix(runs).toJson());
        charts.put("difficulty", ReportCharts.difficulty(runs, tiers).toJson());
        charts.put("cost", ReportCharts.cost(runs).toJson());
        data.put("charts", charts);
        data.put("pairs", samplePairs(runs));
        AtomicFiles.write(out, template().replace("/*DATA*/", PyJson.dumps(data).replace("</", "<\\/")));
        context.out().printf("report of %d run%s (%d pairs); wrote %s%n", runs.size(), runs.size() == 1 ? "" : "s",
                runs.stream().mapToInt(r -> r.pairs().size()).sum(), out);
        return Status.DONE;
    }

    private static String subtitle(List<Run> runs) {
        Set<String> models = new HashSet<>();
        for (Run r : runs) for (PreferencePair p : r.pairs()) if (p.model() != null) models.add(p.model());
        String model = models.isEmpty() ? "" : " · model " + String.join(", ", models.stream().sorted().toList());
        String noise = models.stream().anyMatch(m -> m.startsWith("tiny")) ? " · the tiny model has random weights: its text is noise" : "";
        return runs.stream().map(Run::name).toList() + model + noise;
    }

    private static Map<String, Object> runRow(Run r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.name());
        m.put("method", r.method());
        m.put("prompts", r.prompts());
        m.put("pairs", r.pairs().size());
        m.put("pairsPerPrompt", r.prompts() == 0 ? null : (double) r.pairs().size() / r.prompts());
        m.put("withoutPair", r.withoutPair());
        m.put("callsPerPair", r.callsPerPair());
        m.put("tokensPerPair", r.tokensPerPair());
        return m;
    }

    private List<Map<String, Object>> samplePairs(List<Run> runs) {
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
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("method", ref.run().method() + " · " + ref.run().name());
            p.put("key", r.key());
            p.put("depth", r.depth() == null ? 0 : r.depth());
            p.put("chosenReward", r.chosenReward());
            p.put("rejectedReward", r.rejectedReward());
            p.put("prompt", r.prompt());
            p.put("prefix", chosen.substring(0, prefix));
            p.put("chosenRest", chosen.substring(prefix));
            p.put("rejectedRest", rejected.substring(prefix));
            shown.add(p);
        }
        return shown;
    }

    private static String template() {
        try (InputStream in = ReportStage.class.getResourceAsStream("/dev/jack/pipeline/report.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
