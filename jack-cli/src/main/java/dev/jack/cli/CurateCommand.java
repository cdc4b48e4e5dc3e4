package dev.jack.cli;

import dev.jack.core.curate.RejectionSampling;
import dev.jack.core.curate.Reward;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.ParquetWriter;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.Verdicts;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.json.PyJson;
import dev.jack.core.text.TextTools;
import dev.jack.judge.CritiqueJudge;
import dev.jack.judge.Templates;
import dev.jack.llm.Backend;
import dev.jack.llm.OpenAiBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/** {@code jack score} and {@code jack curate}: verifier rewards for samples, and preference pairs from them. */
final class CurateCommand {
    private CurateCommand() {}

    static Reward reward(String name) {
        try {
            return Reward.parse(name);
        } catch (IllegalArgumentException e) {
            throw new UserException("--reward: " + e.getMessage());
        }
    }

    /** Checks a --format value: strings or messages. */
    static void checkFormat(String format) {
        if (!format.equals("strings") && !format.equals("messages")) throw new UserException("--format must be strings or messages");
    }

    /** TRL's prompt, chosen and rejected: plain strings, or chat turns. */
    static Map<String, Object> trlTexts(String format, String prompt, String chosen, String rejected) {
        Map<String, Object> row = new LinkedHashMap<>();
        if (format.equals("messages")) {
            row.put("prompt", List.of(Map.of("role", "user", "content", prompt)));
            row.put("chosen", List.of(Map.of("role", "assistant", "content", chosen)));
            row.put("rejected", List.of(Map.of("role", "assistant", "content", rejected)));
        } else {
            row.put("prompt", prompt);
            row.put("chosen", chosen);
            row.put("rejected", rejected);
        }
        return row;
    }

    /** Pairs as JSONL at {@code out} and, when asked, also as Parquet beside it ({@code .jsonl} becomes {@code .parquet}). */
    static void writePairs(Path out, List<Map<String, Object>> rows, boolean parquet) {
        StringBuilder lines = new StringBuilder();
        for (Map<String, Object> row : rows) lines.append(PyJson.dumps(row)).append('\n');
        AtomicFiles.write(out, lines);
        if (parquet) ParquetWriter.write(parquetPath(out), rows);
    }

    static Path parquetPath(Path jsonl) {
        String name = jsonl.getFileName().toString();
        return jsonl.resolveSibling((name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name) + ".parquet");
    }

    static Map<Long, IfevalPrompt> promptsByKey(Path prompts) {
        Map<Long, IfevalPrompt> byKey = new HashMap<>();
        for (IfevalPrompt p : IfevalPrompt.readAll(prompts)) byKey.put(p.key(), p);
        return byKey;
    }

    @Command(name = "score", mixinStandardHelpOptions = true,
            description = "Scores sampled responses with the constraint checkers: per-constraint strict and loose verdicts and a reward.")
    static final class Score implements Runnable {
        @Spec
        CommandSpec spec;

        @ParentCommand
        Main main;

        @Option(names = "--prompts", required = true, paramLabel = "FILE", description = "Prompts in IFEval's input format.")
        Path prompts;

        @Option(names = "--samples", required = true, paramLabel = "FILE", description = "Rows from jack sample (key, sample_index, response, ...).")
        Path samples;

        @Option(names = "--reward", defaultValue = "strict", description = "strict, loose or mean of the two (default: ${DEFAULT-VALUE}).")
        String reward;

        @Option(names = "--all-or-nothing", description = "Reward 1 only when every constraint is followed, else 0.")
        boolean allOrNothing;

        @Option(names = "--punkt-dir", paramLabel = "DIR", description = "NLTK punkt_tab folder (see jack eval).")
        Path punktDir;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The sample rows with strict, loose, reward_strict, reward_loose and reward.")
        Path out;

        @Override
        public void run() {
            Reward kind = reward(reward);
            Map<Long, IfevalPrompt> byKey = promptsByKey(prompts);
            List<JsonlReader.Row> rows = new ArrayList<>();
            JsonlReader.forEach(samples, rows::add);
            DataLocations data = main.data();
            Verifier verifier = new Verifier(new TextTools(() -> data.punktEnglish(punktDir)));
            String[] lines = new String[rows.size()];
            java.util.stream.IntStream.range(0, rows.size()).parallel().forEach(i -> {
                JsonlReader.Row row = rows.get(i);
                IfevalPrompt p = byKey.get(row.integer("key"));
                if (p == null) throw row.error("key", "no prompt with key " + row.integer("key") + " in " + prompts);
                Verdicts v = verifier.verify(p.constraints(), row.string("response"));
                Map<String, Object> scored = new LinkedHashMap<>(row.fields());
                scored.put("instruction_id_list", p.instructionIds());
                scored.put("strict", v.strict());
                scored.put("loose", v.loose());
                scored.put("reward_strict", Reward.STRICT.of(v, allOrNothing));
                scored.put("reward_loose", Reward.LOOSE.of(v, allOrNothing));
                scored.put("reward", kind.of(v, allOrNothing));
                lines[i] = PyJson.dumps(scored);
            });
            AtomicFiles.write(out, lines.length == 0 ? "" : String.join("\n", lines) + "\n");
            double mean = java.util.Arrays.stream(lines).mapToDouble(l -> ((Number) ((Map<?, ?>) dev.jack.core.json.Json.parse(l)).get("reward")).doubleValue()).average().orElse(0);
            spec.commandLine().getOut().printf("scored %d samples (mean %s reward %.4f); wrote %s%n", lines.length, reward, mean, out);
        }
    }

    @Command(name = "curate", mixinStandardHelpOptions = true, description = "Builds preference pairs for DPO.",
            subcommands = {CurateCommand.Rs.class, MctsCommand.class})
    static final class Curate {
        @ParentCommand
        Main main;
    }

    @Command(name = "rs", mixinStandardHelpOptions = true,
            description = "Rejection sampling: pairs from scored samples with a declared contrast, in TRL's preference format.")
    static final class Rs implements Runnable {
        @Spec
        CommandSpec spec;

        @ParentCommand
        Curate curate;

        @Mixin
        BackendOptions judgeServer;

        @Option(names = "--scored", required = true, paramLabel = "FILE", description = "Rows from jack score.")
        Path scored;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Pairs (prompt, chosen, rejected and metadata).")
        Path out;

        @Option(names = "--contrast", defaultValue = "high", description = "high (best vs worst), low (adjacent rewards) or mixed (default: ${DEFAULT-VALUE}).")
        String contrast;

        @Option(names = "--high-share", defaultValue = "0.5", description = "With mixed: share of prompts paired with high contrast (default: ${DEFAULT-VALUE}).")
        double highShare;

        @Option(names = "--min-gap", defaultValue = "0", description = "Smallest reward gap a pair may have (pairs never tie) (default: ${DEFAULT-VALUE}).")
        double minGap;

        @Option(names = "--max-pairs", defaultValue = "1", description = "Pairs per prompt at most (default: ${DEFAULT-VALUE}).")
        int maxPairs;

        @Option(names = "--seed", defaultValue = "1", description = "Seed for choices among equals (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--format", defaultValue = "strings", description = "strings, or messages (chat turns) (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--parquet", description = "Also write the pairs as Parquet beside OUT (.jsonl becomes .parquet).")
        boolean parquet;

        @Option(names = "--quality-floor", description = "With a judge (--backend, --model): drop pairs whose chosen response the judge scores below this (1-10).")
        Double qualityFloor;

        @Override
        public void run() {
            RejectionSampling.Contrast c = switch (contrast) {
                case "high" -> RejectionSampling.Contrast.HIGH;
                case "low" -> RejectionSampling.Contrast.LOW;
                case "mixed" -> RejectionSampling.Contrast.MIXED;
                default -> throw new UserException("--contrast must be high, low or mixed");
            };
            checkFormat(format);
            if (qualityFloor != null && !judgeServer.given()) throw new UserException("--quality-floor needs a judge: --backend and --model");
            RejectionSampling.Options options;
            try {
                options = new RejectionSampling.Options(c, highShare, minGap, maxPairs, seed);
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
            Map<Long, List<JsonlReader.Row>> byKey = readScored(scored);
            Backend backend = judgeServer.given()
                    ? judgeServer.open(OpenAiBackend.Endpoint.CHAT, curate.main.env(), spec.commandLine().getErr()) : null;
            try {
                CritiqueJudge judge = backend == null ? null : new CritiqueJudge(backend, new Templates(null), 1, 10, 0.0, 1024);
                Map<JsonlReader.Row, Double> judged = new ConcurrentHashMap<>();
                ToDoubleFunction<JsonlReader.Row> score = judge == null ? null : row -> judged.computeIfAbsent(row,
                        r -> judge.pointwise(r.string("prompt"), r.string("response"), 1, seed, CritiqueJudge.Aggregate.MEAN).score().orElse(0));
                RsPairs result = rsPairs(byKey, options, format, score, qualityFloor);
                writePairs(out, result.rows(), parquet);
                AtomicFiles.write(MctsCommand.statsPath(out), PyJson.dumps(result.stats(contrast)) + "\n");
                spec.commandLine().getOut().printf("%d prompts: %d pairs, %d prompts whose samples all scored the same%s; wrote %s%n",
                        result.prompts(), result.rows().size(), result.withoutPair(),
                        qualityFloor == null ? "" : ", " + result.belowFloor() + " pairs under the quality floor", out + " and " + MctsCommand.statsPath(out));
            } finally {
                if (backend != null) backend.close();
            }
        }
    }

    /** Scored sample rows grouped by prompt key, in file order. */
    static Map<Long, List<JsonlReader.Row>> readScored(Path scored) {
        Map<Long, List<JsonlReader.Row>> byKey = new LinkedHashMap<>();
        JsonlReader.forEach(scored, row -> {
            if (!row.has("reward")) throw row.error("reward", "is missing (run jack score first)");
            byKey.computeIfAbsent(row.integer("key"), k -> new ArrayList<>()).add(row);
        });
        return byKey;
    }

    /** Rejection-sampling pairs as TRL rows, and what making them counted. */
    record RsPairs(List<Map<String, Object>> rows, int prompts, int withoutPair, int belowFloor, long samples, long generatedTokens) {
        Map<String, Object> stats(String contrast) {
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("method", "rs");
            stats.put("contrast", contrast);
            stats.put("prompts", prompts);
            stats.put("prompts_without_pair", withoutPair);
            stats.put("pairs", rows.size());
            stats.put("llm_calls", samples);
            stats.put("generated_tokens", generatedTokens);
            stats.put("llm_calls_per_pair", rows.isEmpty() ? null : (double) samples / rows.size());
            stats.put("generated_tokens_per_pair", rows.isEmpty() ? null : (double) generatedTokens / rows.size());
            return stats;
        }
    }

    /**
     * Pairs for every prompt. The optional judge score breaks ties among equal rewards and, with a quality floor,
     * drops pairs whose chosen response scores below it.
     */
    static RsPairs rsPairs(Map<Long, List<JsonlReader.Row>> byKey, RejectionSampling.Options options, String format,
                           ToDoubleFunction<JsonlReader.Row> judge, Double qualityFloor) {
        List<Map<String, Object>> out = new ArrayList<>();
        int withoutPair = 0;
        int belowFloor = 0;
        long generatedTokens = 0;
        long sampleCount = 0;
        for (Map.Entry<Long, List<JsonlReader.Row>> e : byKey.entrySet()) {
            List<JsonlReader.Row> rows = e.getValue();
            sampleCount += rows.size();
            long promptTokens = rows.stream().mapToLong(r -> r.has("completion_tokens") ? r.integer("completion_tokens") : 0).sum();
            generatedTokens += promptTokens;
            List<RejectionSampling.Sample> samples = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) samples.add(new RejectionSampling.Sample(i, ((Number) rows.get(i).fields().get("reward")).doubleValue()));
            List<RejectionSampling.Pair> pairs = RejectionSampling.pairs(e.getKey(), samples, options,
                    judge == null ? null : s -> judge.applyAsDouble(rows.get(s.index())));
            if (pairs.isEmpty()) withoutPair++;
            for (RejectionSampling.Pair p : pairs) {
                if (qualityFloor != null && judge.applyAsDouble(rows.get(p.chosen())) < qualityFloor) {
                    belowFloor++;
                    continue;
                }
                Map<String, Object> row = trlRow(format, rows.get(p.chosen()), rows.get(p.rejected()), p);
                row.put("prompt_llm_calls", rows.size());
                row.put("prompt_generated_tokens", promptTokens);
                out.add(row);
            }
        }
        return new RsPairs(out, byKey.size(), withoutPair, belowFloor, sampleCount, generatedTokens);
    }

    private static Map<String, Object> trlRow(String format, JsonlReader.Row chosen, JsonlReader.Row rejected, RejectionSampling.Pair p) {
        Map<String, Object> row = trlTexts(format, chosen.string("prompt"), chosen.string("response"), rejected.string("response"));
        row.put("key", chosen.integer("key"));
        row.put("instruction_id_list", chosen.fields().get("instruction_id_list"));
        row.put("chosen_reward", p.chosenReward());
        row.put("rejected_reward", p.rejectedReward());
        for (String kind : List.of("reward_strict", "reward_loose")) {
            row.put("chosen_" + kind, chosen.fields().get(kind));
            row.put("rejected_" + kind, rejected.fields().get(kind));
        }
        row.put("contrast", p.contrast().name().toLowerCase(java.util.Locale.ROOT));
        row.put("method", "rs");
        row.put("depth", 0);
        row.put("shared_prefix_chars", 0);
        row.put("shared_prefix_tokens", 0);
        row.put("chosen_sample_index", chosen.fields().get("sample_index"));
        row.put("rejected_sample_index", rejected.fields().get("sample_index"));
        row.put("chosen_seed", chosen.fields().get("seed"));
        row.put("rejected_seed", rejected.fields().get("seed"));
        row.put("params", chosen.fields().get("params"));
        return row;
    }
}
