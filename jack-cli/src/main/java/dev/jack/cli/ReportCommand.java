package dev.jack.cli;

import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.json.Json;
import dev.jack.core.json.PyJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * {@code jack report}: one self-contained HTML file (no network, no external script) with the run's figures and
 * a browsable sample of pairs. The numbers are computed here and embedded as JSON; a small inline script
 * draws them as SVG bar charts.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes one self-contained HTML report: rewards, pass rates, contrast, shared prefixes, pairs by difficulty, costs, and sample pairs.")
final class ReportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "Pairs from jack curate rs or mcts (repeat for several runs); FILE.stats.json is read when present.")
    List<Path> pairs;

    @Option(names = "--scored", paramLabel = "FILE", description = "Scored samples from jack score: reward distribution and per-constraint pass rates.")
    Path scored;

    @Option(names = "--prompts", paramLabel = "FILE", description = "The prompts (from jack synth): pairs per prompt by difficulty tier.")
    Path prompts;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path out;

    @Option(names = "--sample", defaultValue = "40", description = "Pairs to include for browsing (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for choosing the sample (default: ${DEFAULT-VALUE}).")
    long seed;

    /** One pairs file with its rows and, if present, its stats. */
    private record Run(String name, String method, List<Map<String, Object>> rows, Map<?, ?> stats) {
        int prompts() {
            return stats != null && stats.get("prompts") instanceof Long n ? n.intValue()
                    : (int) rows.stream().map(r -> r.get("key")).distinct().count();
        }

        Integer withoutPair() {
            return stats != null && stats.get("prompts_without_pair") instanceof Long n ? n.intValue() : null;
        }

        Double perPair(String statsField, String rowField) {
            if (stats != null && stats.get(statsField) instanceof Number n) return n.doubleValue();
            if (rows.isEmpty() || !rows.getFirst().containsKey(rowField)) return null;
            Map<Object, Number> perPrompt = new HashMap<>();
            for (Map<String, Object> r : rows) perPrompt.put(r.get("key"), (Number) r.get(rowField));
            return perPrompt.values().stream().mapToDouble(Number::doubleValue).sum() / rows.size();
        }
    }

    @Override
    public void run() {
        if (sample < 0) throw new UserException("--sample must not be negative");
        List<Run> runs = new ArrayList<>();
        for (Path file : pairs) {
            List<Map<String, Object>> rows = new ArrayList<>();
            JsonlReader.forEach(file, row -> {
                for (String field : List.of("prompt", "chosen", "rejected", "chosen_reward", "rejected_reward")) {
                    if (!row.has(field)) throw row.error(field, "is missing (not a jack curate output?)");
                }
                rows.add(row.fields());
            });
            Path statsFile = MctsCommand.statsPath(file);
            Map<?, ?> stats = Files.exists(statsFile) ? (Map<?, ?>) parse(statsFile) : null;
            String method = rows.isEmpty() ? (stats == null ? "?" : String.valueOf(stats.get("method"))) : String.valueOf(rows.getFirst().get("method"));
            runs.add(new Run(file.getFileName().toString(), method, rows, stats));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subtitle", subtitle(runs));
        data.put("runs", runs.stream().map(ReportCommand::runRow).toList());
        Map<String, Object> charts = new LinkedHashMap<>();
        List<Map<String, Object>> scoredRows = new ArrayList<>();
        if (scored != null) JsonlReader.forEach(scored, row -> {
            if (!row.has("reward")) throw row.error("reward", "is missing (run jack score first)");
            scoredRows.add(row.fields());
        });
        charts.put("rewards", rewardChart(runs, scoredRows));
        charts.put("pass-rates", passRateChart(scoredRows));
        charts.put("contrast", histogramChart(runs, r -> ((Number) r.get("chosen_reward")).doubleValue() - ((Number) r.get("rejected_reward")).doubleValue(),
                gap -> Math.min(9, Math.max(0, (int) Math.ceil(gap * 10 - 1e-9) - 1)), tenths(1), "no pairs"));
        charts.put("prefix", prefixChart(runs));
        charts.put("difficulty", difficultyChart(runs));
        charts.put("cost", costChart(runs));
        data.put("charts", charts);
        data.put("pairs", samplePairs(runs));
        AtomicFiles.write(out, template().replace("/*DATA*/", PyJson.dumps(data).replace("</", "<\\/")));
        spec.commandLine().getOut().printf("report of %d run%s (%d pairs); wrote %s%n", runs.size(), runs.size() == 1 ? "" : "s",
                runs.stream().mapToInt(r -> r.rows().size()).sum(), out);
    }

    private static Object parse(Path file) {
        try {
            return Json.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new UserException(file + ": not JSON: " + e.getMessage());
        }
    }

    private String subtitle(List<Run> runs) {
        Set<Object> models = new HashSet<>();
        for (Run r : runs) for (Map<String, Object> row : r.rows()) if (row.get("model") != null) models.add(row.get("model"));
        String model = models.isEmpty() ? "" : " · model " + String.join(", ", models.stream().map(String::valueOf).sorted().toList());
        String noise = models.stream().anyMatch(m -> String.valueOf(m).startsWith("tiny")) ? " · the tiny model has random weights: its text is noise" : "";
        return runs.stream().map(Run::name).toList() + model + noise;
    }

    private static Map<String, Object> runRow(Run r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.name());
        m.put("method", r.method());
        m.put("prompts", r.prompts());
        m.put("pairs", r.rows().size());
        m.put("pairsPerPrompt", r.prompts() == 0 ? null : (double) r.rows().size() / r.prompts());
        m.put("withoutPair", r.withoutPair());
        m.put("callsPerPair", r.perPair("llm_calls_per_pair", "prompt_llm_calls"));
        m.put("tokensPerPair", r.perPair("generated_tokens_per_pair", "prompt_generated_tokens"));
        return m;
    }

    private static Map<String, Object> chart(List<String> labels, List<Map<String, Object>> series, String empty) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("labels", labels);
        c.put("series", series);
        c.put("empty", empty);
        return c;
    }

    private static Map<String, Object> series(String name, List<Double> values) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("values", values);
        return s;
    }

    /** Labels 0.1, 0.2, ... (or 0.0 ... 1.0 when {@code from} is 0). */
    private static List<String> tenths(int from) {
        List<String> labels = new ArrayList<>();
        for (int i = from; i <= 10; i++) labels.add(String.format(java.util.Locale.ROOT, "%.1f", i / 10.0));
        return labels;
    }

    /** Shares of items per bin. */
    private static List<Double> shares(List<Map<String, Object>> rows, ToDoubleFunction<Map<String, Object>> value,
                                       java.util.function.DoubleToIntFunction bin, int bins) {
        double[] counts = new double[bins];
        for (Map<String, Object> r : rows) counts[bin.applyAsInt(value.applyAsDouble(r))]++;
        List<Double> out = new ArrayList<>();
        for (double c : counts) out.add(rows.isEmpty() ? null : c / rows.size());
        return out;
    }

    /** Rewards in tenths, 1.0 alone in the last bin. */
    private static int rewardBin(double r) {
        return Math.min(10, Math.max(0, (int) Math.floor(r * 10 + 1e-9)));
    }

    private static Map<String, Object> rewardChart(List<Run> runs, List<Map<String, Object>> scoredRows) {
        List<Map<String, Object>> series = new ArrayList<>();
        if (!scoredRows.isEmpty()) series.add(series("samples", shares(scoredRows, r -> ((Number) r.get("reward")).doubleValue(), ReportCommand::rewardBin, 11)));
        for (Run run : runs) {
            series.add(series("chosen · " + run.name(), shares(run.rows(), r -> ((Number) r.get("chosen_reward")).doubleValue(), ReportCommand::rewardBin, 11)));
            series.add(series("rejected · " + run.name(), shares(run.rows(), r -> ((Number) r.get("rejected_reward")).doubleValue(), ReportCommand::rewardBin, 11)));
        }
        return chart(tenths(0), series, "no rewards");
    }

    private static Map<String, Object> passRateChart(List<Map<String, Object>> scoredRows) {
        Map<String, int[]> counts = new TreeMap<>();
        for (Map<String, Object> r : scoredRows) {
            List<?> ids = (List<?>) r.get("instruction_id_list");
            List<?> strict = (List<?>) r.get("strict");
            List<?> loose = (List<?>) r.get("loose");
            if (ids == null || strict == null || loose == null) continue;
            for (int i = 0; i < ids.size(); i++) {
                int[] c = counts.computeIfAbsent(String.valueOf(ids.get(i)), k -> new int[3]);
                c[0]++;
                if (Boolean.TRUE.equals(strict.get(i))) c[1]++;
                if (Boolean.TRUE.equals(loose.get(i))) c[2]++;
            }
        }
        List<String> labels = new ArrayList<>();
        List<Double> strictRates = new ArrayList<>();
        List<Double> looseRates = new ArrayList<>();
        counts.forEach((id, c) -> {
            labels.add(id.substring(id.indexOf(':') + 1));
            strictRates.add((double) c[1] / c[0]);
            looseRates.add((double) c[2] / c[0]);
        });
        return chart(labels, List.of(series("strict", strictRates), series("loose", looseRates)), "give --scored (jack score output) for pass rates");
    }

    private static Map<String, Object> histogramChart(List<Run> runs, ToDoubleFunction<Map<String, Object>> value,
                                                      java.util.function.DoubleToIntFunction bin, List<String> labels, String empty) {
        List<Map<String, Object>> series = new ArrayList<>();
        for (Run run : runs) series.add(series(run.name(), shares(run.rows(), value, bin, labels.size())));
        return chart(labels, series, empty);
    }

    private static Map<String, Object> prefixChart(List<Run> runs) {
        int width = 16;
        int maxTokens = 0;
        for (Run run : runs) for (Map<String, Object> r : run.rows()) maxTokens = Math.max(maxTokens, tokens(r));
        int bins = 1 + (maxTokens + width - 1) / width;
        List<String> labels = new ArrayList<>(List.of("0"));
        for (int b = 1; b < bins; b++) labels.add(((b - 1) * width + 1) + "–" + (b * width));
        return histogramChart(runs, ReportCommand::tokens, t -> t == 0 ? 0 : 1 + ((int) t - 1) / width, labels, "no pairs");
    }

    private static int tokens(Map<String, Object> row) {
        return row.get("shared_prefix_tokens") instanceof Number n ? n.intValue() : 0;
    }

    private Map<String, Object> difficultyChart(List<Run> runs) {
        Map<Long, String> tier = new HashMap<>();
        if (prompts != null) JsonlReader.forEach(prompts, row -> tier.put(row.integer("key"), row.has("difficulty") ? row.string("difficulty") : "unknown"));
        List<String> labels = new ArrayList<>();
        for (String t : List.of("easy", "moderate", "hard")) if (tier.containsValue(t)) labels.add(t);
        tier.values().stream().filter(t -> !labels.contains(t)).distinct().sorted().forEach(labels::add);
        if (labels.isEmpty()) labels.add("all");
        Map<String, Integer> promptsPerTier = new HashMap<>();
        tier.values().forEach(t -> promptsPerTier.merge(t, 1, Integer::sum));
        List<Map<String, Object>> series = new ArrayList<>();
        for (Run run : runs) {
            Map<String, Integer> pairsPerTier = new HashMap<>();
            for (Map<String, Object> r : run.rows()) pairsPerTier.merge(tier.isEmpty() ? "all" : tier.getOrDefault((Long) r.get("key"), "unknown"), 1, Integer::sum);
            List<Double> values = new ArrayList<>();
            for (String t : labels) {
                int n = tier.isEmpty() ? run.prompts() : promptsPerTier.getOrDefault(t, 0);
                values.add(n == 0 ? null : (double) pairsPerTier.getOrDefault(t, 0) / n);
            }
            series.add(series(run.name(), values));
        }
        return chart(labels, series, "no pairs");
    }

    private static Map<String, Object> costChart(List<Run> runs) {
        List<Double> calls = new ArrayList<>();
        List<Double> kiloTokens = new ArrayList<>();
        for (Run run : runs) {
            calls.add(run.perPair("llm_calls_per_pair", "prompt_llm_calls"));
            Double t = run.perPair("generated_tokens_per_pair", "prompt_generated_tokens");
            kiloTokens.add(t == null ? null : t / 1000);
        }
        return chart(runs.stream().map(Run::name).toList(),
                List.of(series("LLM calls per pair", calls), series("generated tokens per pair (thousands)", kiloTokens)),
                "no cost figures (curate with this version of jack)");
    }

    private List<Map<String, Object>> samplePairs(List<Run> runs) {
        record Ref(Run run, Map<String, Object> row) {}
        List<Ref> all = new ArrayList<>();
        for (Run run : runs) for (Map<String, Object> r : run.rows()) all.add(new Ref(run, r));
        Collections.shuffle(all, new java.util.Random(new SplittableRandom(seed).nextLong()));
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Ref ref : all.subList(0, Math.min(sample, all.size()))) {
            Map<String, Object> r = ref.row();
            String chosen = text(r.get("chosen"));
            String rejected = text(r.get("rejected"));
            int prefix = r.get("shared_prefix_chars") instanceof Number n ? Math.min(n.intValue(), Math.min(chosen.length(), rejected.length())) : 0;
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("method", ref.run().method() + " · " + ref.run().name());
            p.put("key", r.get("key"));
            p.put("depth", r.getOrDefault("depth", 0L));
            p.put("chosenReward", r.get("chosen_reward"));
            p.put("rejectedReward", r.get("rejected_reward"));
            p.put("prompt", text(r.get("prompt")));
            p.put("prefix", chosen.substring(0, prefix));
            p.put("chosenRest", chosen.substring(prefix));
            p.put("rejectedRest", rejected.substring(prefix));
            shown.add(p);
        }
        return shown;
    }

    /** A TRL field as text: a string, or the contents of its chat turns. */
    private static String text(Object field) {
        if (field instanceof List<?> turns) {
            StringBuilder b = new StringBuilder();
            for (Object t : turns) b.append(b.isEmpty() ? "" : "\n\n").append(((Map<?, ?>) t).get("content"));
            return b.toString();
        }
        return String.valueOf(field);
    }

    private static String template() {
        try (InputStream in = ReportCommand.class.getResourceAsStream("report.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
