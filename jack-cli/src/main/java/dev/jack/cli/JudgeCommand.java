package dev.jack.cli;

import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.json.Json;
import dev.jack.core.json.JsonException;
import dev.jack.core.json.PyJson;
import dev.jack.judge.CritiqueJudge;
import dev.jack.judge.CritiqueSet;
import dev.jack.judge.CrossEval;
import dev.jack.judge.LlamaGuard;
import dev.jack.judge.RewardAccuracy;
import dev.jack.judge.Templates;
import dev.jack.llm.Backend;
import dev.jack.llm.OpenAiBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;

/** {@code jack judge}: LLM judges, reward accuracy, CrossEval-style evaluation and Llama Guard screening. */
@Command(name = "judge", mixinStandardHelpOptions = true, description = "Judges beyond verifiers.",
        subcommands = {JudgeCommand.Accuracy.class, JudgeCommand.CrossEvalCommand.class, JudgeCommand.Guard.class,
                JudgeCommand.Critiques.class, JudgeCommand.Rationale.class})
final class JudgeCommand {
    @ParentCommand
    Main main;

    /** Runs f(0..n-1) on virtual threads, at most {@code concurrency} at once, results in order. */
    static <T> List<T> inParallel(int n, int concurrency, IntFunction<T> f) {
        Semaphore slots = new Semaphore(Math.max(1, concurrency));
        List<Future<T>> futures = new ArrayList<>(n);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                int index = i;
                slots.acquireUninterruptibly();
                futures.add(executor.submit(() -> {
                    try {
                        return f.apply(index);
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<T> out = new ArrayList<>(n);
            for (Future<T> future : futures) out.add(future.get());
            return out;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static List<JsonlReader.Row> rows(Path file) {
        List<JsonlReader.Row> rows = new ArrayList<>();
        JsonlReader.forEach(file, rows::add);
        if (rows.isEmpty()) throw new DataFileException(file, "no rows");
        return rows;
    }

    static Map<String, Object> readObject(Path file) {
        try {
            if (Json.parse(Files.readString(file)) instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) m;
                return map;
            }
            throw new DataFileException(file, "expected a JSON object");
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "no such file");
        } catch (JsonException e) {
            throw new DataFileException(file, "malformed JSON: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Command(name = "accuracy", mixinStandardHelpOptions = true,
            description = "Reward accuracy on preference pairs (prompt, chosen, rejected, subset), RewardBench style.")
    static final class Accuracy implements Runnable {
        @Spec
        CommandSpec spec;

        @ParentCommand
        JudgeCommand judge;

        @Mixin
        BackendOptions server;

        @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "JSONL with prompt, chosen, rejected, subset (and optionally id).")
        Path pairs;

        @Option(names = "--rewards", paramLabel = "FILE", description = "Precomputed rewards: JSONL with chosen_score and rejected_score per pair (by id, else by line).")
        Path rewards;

        @Option(names = "--judge", defaultValue = "pairwise", description = "With --backend: pairwise (win 1, loss 0, tie 0.5) or pointwise (scalar scores) (default: ${DEFAULT-VALUE}).")
        String mode;

        @Option(names = "--both-orders", description = "Pairwise: ask in both A/B orders and average.")
        boolean bothOrders;

        @Option(names = "--sections", paramLabel = "FILE", description = "JSON object: section -> list of subsets. Default: one section per subset.")
        Path sections;

        @Option(names = "--seed", defaultValue = "1", description = "Seed for A/B order and sampling (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Report JSON.")
        Path out;

        @Override
        public void run() {
            List<JsonlReader.Row> rows = rows(pairs);
            List<String> subsets = rows.stream().map(r -> r.string("subset")).toList();
            RewardAccuracy accuracy = new RewardAccuracy();
            if (rewards != null) {
                List<JsonlReader.Row> scores = rows(rewards);
                Map<String, JsonlReader.Row> byId = new LinkedHashMap<>();
                for (JsonlReader.Row s : scores) if (s.has("id")) byId.put(String.valueOf(s.fields().get("id")), s);
                for (int i = 0; i < rows.size(); i++) {
                    JsonlReader.Row pair = rows.get(i);
                    JsonlReader.Row s = pair.has("id") && byId.containsKey(String.valueOf(pair.fields().get("id")))
                            ? byId.get(String.valueOf(pair.fields().get("id"))) : i < scores.size() ? scores.get(i) : null;
                    if (s == null) throw pair.error("id", "no reward row for this pair in " + rewards);
                    accuracy.addScores(subsets.get(i), number(s, "chosen_score"), number(s, "rejected_score"));
                }
            } else {
                PrintWriter err = spec.commandLine().getErr();
                try (Backend backend = server.open(OpenAiBackend.Endpoint.CHAT, judge.main.env(), err)) {
                    CritiqueJudge j = new CritiqueJudge(backend, new Templates(null), 1, 10, 0.0, 1024);
                    List<double[]> outcomes = inParallel(rows.size(), server.inFlight(), i -> {
                        JsonlReader.Row r = rows.get(i);
                        if (mode.equals("pairwise")) {
                            return new double[] {j.pairwise(r.string("prompt"), r.string("chosen"), r.string("rejected"), seed + i, bothOrders)};
                        }
                        OptionalDouble c = j.pointwise(r.string("prompt"), r.string("chosen"), 1, seed + i, CritiqueJudge.Aggregate.MEAN).score();
                        OptionalDouble x = j.pointwise(r.string("prompt"), r.string("rejected"), 1, seed + i, CritiqueJudge.Aggregate.MEAN).score();
                        return new double[] {c.orElse(Double.NEGATIVE_INFINITY), x.orElse(Double.NEGATIVE_INFINITY)};
                    });
                    for (int i = 0; i < rows.size(); i++) {
                        double[] o = outcomes.get(i);
                        if (o.length == 1) accuracy.add(subsets.get(i), o[0]);
                        else accuracy.addScores(subsets.get(i), o[0], o[1]);
                    }
                }
            }
            Map<String, List<String>> sectionMap = new LinkedHashMap<>();
            if (sections != null) {
                readObject(sections).forEach((name, list) -> {
                    if (!(list instanceof List<?> l)) throw new DataFileException(sections, name + ": expected a list of subsets");
                    sectionMap.put(name, l.stream().map(String::valueOf).toList());
                });
            } else {
                for (String s : new java.util.TreeSet<>(subsets)) sectionMap.put(s, List.of(s));
            }
            Map<String, Object> report = accuracy.report(sectionMap);
            AtomicFiles.write(out, PyJson.dumps(report) + "\n");
            PrintWriter console = spec.commandLine().getOut();
            console.printf("overall (mean of sections): %.4f%n", (Double) report.get("overall"));
            ((Map<?, ?>) report.get("sections")).forEach((k, v) -> console.printf("  %-30s %.4f%n", k, (Double) v));
            console.println("wrote " + out);
        }

        private static double number(JsonlReader.Row row, String field) {
            if (row.fields().get(field) instanceof Number n) return n.doubleValue();
            throw row.error(field, "must be a number");
        }
    }

    @Command(name = "crosseval", mixinStandardHelpOptions = true,
            description = "CrossEval-style evaluation: a judge rates responses against expert-rated references.")
    static final class CrossEvalCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @ParentCommand
        JudgeCommand judge;

        @Mixin
        BackendOptions server;

        @Option(names = "--table", required = true, paramLabel = "FILE", description = "The CrossEval table as JSONL (see the README for its columns).")
        Path table;

        @Option(names = "--responses", paramLabel = "FILE", description = "The model's responses: JSONL with prompt_id and response.")
        Path responses;

        @Option(names = "--agreement", description = "Also judge every reference (leaving it out of the prompt) and report judge-human agreement.")
        boolean agreement;

        @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Report JSON.")
        Path out;

        @Override
        public void run() {
            if (responses == null && !agreement) throw new UserException("give --responses, --agreement, or both");
            List<CrossEval.Item> items = CrossEval.read(table);
            Templates templates = new Templates(null);
            Map<String, Object> report = new LinkedHashMap<>();
            PrintWriter console = spec.commandLine().getOut();
            try (Backend backend = server.open(OpenAiBackend.Endpoint.CHAT, judge.main.env(), spec.commandLine().getErr())) {
                if (responses != null) {
                    Map<String, String> answers = new LinkedHashMap<>();
                    JsonlReader.forEach(responses, r -> answers.put(r.string("prompt_id"), r.string("response")));
                    List<CrossEval.Item> answered = items.stream().filter(it -> answers.containsKey(it.promptId())).toList();
                    List<OptionalDouble> scores = inParallel(answered.size(), server.inFlight(), i -> CrossEval.judge(backend,
                            CrossEval.judgePrompt(templates, answered.get(i), answers.get(answered.get(i).promptId()), -1), seed + i, 2048));
                    Map<String, Double> byId = new LinkedHashMap<>();
                    List<String> unscored = new ArrayList<>();
                    for (int i = 0; i < answered.size(); i++) {
                        if (scores.get(i).isPresent()) byId.put(answered.get(i).promptId(), scores.get(i).getAsDouble());
                        else unscored.add(answered.get(i).promptId());
                    }
                    report.putAll(CrossEval.report(items, byId));
                    report.put("unscored_after_5_attempts", unscored);
                    report.put("unanswered", items.stream().filter(it -> !answers.containsKey(it.promptId())).map(CrossEval.Item::promptId).toList());
                    ((Map<?, ?>) report.get("individual")).forEach((k, v) -> console.printf("  %-40s %6.1f%n", k, (Double) v));
                    ((Map<?, ?>) report.get("cross")).forEach((k, v) -> console.printf("  %-40s %6.1f%n", k, (Double) v));
                }
                if (agreement) {
                    List<int[]> jobs = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) for (int r = 0; r < items.get(i).references().size(); r++) jobs.add(new int[] {i, r});
                    List<OptionalDouble> scores = inParallel(jobs.size(), server.inFlight(), k -> {
                        CrossEval.Item item = items.get(jobs.get(k)[0]);
                        int r = jobs.get(k)[1];
                        return CrossEval.judge(backend, CrossEval.judgePrompt(templates, item, item.references().get(r).response(), r), seed + k, 2048);
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
                    report.put("agreement", CrossEval.agreement(items, itemOf, judged, human));
                }
            }
            AtomicFiles.write(out, PyJson.dumps(report) + "\n");
            console.println("wrote " + out);
        }
    }

    @Command(name = "guard", mixinStandardHelpOptions = true,
            description = "Screens prompts and responses with Llama Guard 3 (served at --backend): marks or drops unsafe rows.")
    static final class Guard implements Runnable {
        @Spec
        CommandSpec spec;

        @ParentCommand
        JudgeCommand judge;

        @Mixin
        BackendOptions server;

        @Option(names = "--input", required = true, paramLabel = "FILE", description = "Any Jack JSONL dataset.")
        Path input;

        @Option(names = "--prompt-field", defaultValue = "prompt", description = "Default: ${DEFAULT-VALUE}.")
        String promptField;

        @Option(names = "--response-fields", split = ",", defaultValue = "response,chosen,rejected",
                description = "Fields holding responses, checked when present (default: ${DEFAULT-VALUE}).")
        List<String> responseFields;

        @Option(names = "--drop", description = "Leave out rows where anything is unsafe (default: keep them, marked).")
        boolean drop;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The dataset with a \"safety\" field per row.")
        Path out;

        @Override
        public void run() {
            List<JsonlReader.Row> rows = rows(input);
            StringBuilder kept = new StringBuilder();
            int unsafe = 0;
            try (Backend backend = server.open(OpenAiBackend.Endpoint.CHAT, judge.main.env(), spec.commandLine().getErr())) {
                LlamaGuard guard = new LlamaGuard(backend);
                List<Map<String, Object>> verdicts = inParallel(rows.size(), server.inFlight(), i -> screen(guard, rows.get(i)));
                for (int i = 0; i < rows.size(); i++) {
                    Map<String, Object> safety = verdicts.get(i);
                    boolean allSafe = safety.values().stream().allMatch(v -> Boolean.TRUE.equals(((Map<?, ?>) v).get("safe")));
                    if (!allSafe) unsafe++;
                    if (drop && !allSafe) continue;
                    Map<String, Object> row = new LinkedHashMap<>(rows.get(i).fields());
                    row.put("safety", safety);
                    kept.append(PyJson.dumps(row)).append('\n');
                }
            }
            AtomicFiles.write(out, kept);
            spec.commandLine().getOut().printf("%d rows, %d with unsafe content%s; wrote %s%n", rows.size(), unsafe,
                    drop ? " (dropped)" : " (marked)", out);
        }

        private Map<String, Object> screen(LlamaGuard guard, JsonlReader.Row row) {
            Map<String, Object> safety = new LinkedHashMap<>();
            String prompt = row.string(promptField);
            safety.put(promptField, verdict(row, promptField, () -> guard.classify(List.of(prompt), LlamaGuard.Role.USER).join()));
            for (String field : responseFields) {
                if (!row.has(field)) continue;
                String response = row.string(field);
                safety.put(field, verdict(row, field, () -> guard.classify(List.of(prompt, response), LlamaGuard.Role.AGENT).join()));
            }
            return safety;
        }

        private static Map<String, Object> verdict(JsonlReader.Row row, String field, java.util.function.Supplier<LlamaGuard.Verdict> ask) {
            LlamaGuard.Verdict v;
            try {
                v = ask.get();
            } catch (java.util.concurrent.CompletionException e) {
                throw row.error(field, "Llama Guard's answer could not be used: " + e.getCause().getMessage());
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("safe", v.safe());
            m.put("categories", v.categories());
            return m;
        }
    }

    @Command(name = "critiques", mixinStandardHelpOptions = true,
            description = "Builds a critique training set (Critic-RM style) from preference pairs: m critiques per response, kept when they agree with the preference, then refined.")
    static final class Critiques implements Runnable {
        @Spec
        CommandSpec spec;

        @ParentCommand
        JudgeCommand judge;

        @Mixin
        BackendOptions server;

        @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "JSONL with prompt, chosen, rejected (and optionally id).")
        Path pairs;

        @Option(names = "--m", defaultValue = "4", description = "Critiques sampled per response (default: ${DEFAULT-VALUE}).")
        int m;

        @Option(names = "--temperature", defaultValue = "1.0", description = "Default: ${DEFAULT-VALUE}.")
        double temperature;

        @Option(names = "--refine", defaultValue = "none", description = "none, topk (keep --k by an LLM ranking) or merge (one summary critique) (default: ${DEFAULT-VALUE}).")
        String refine;

        @Option(names = "--k", defaultValue = "2", description = "Critiques kept per response with --refine topk (default: ${DEFAULT-VALUE}).")
        int k;

        @Option(names = "--prompts-dir", paramLabel = "DIR", description = "Folder whose pointwise.txt, rank.txt or merge.txt replace Jack's judge prompts.")
        Path promptsDir;

        @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Training rows: pair_id, side, prompt, response, critique, score.")
        Path out;

        @Override
        public void run() {
            if (!List.of("none", "topk", "merge").contains(refine)) throw new UserException("--refine must be none, topk or merge");
            List<JsonlReader.Row> rows = rows(pairs);
            Templates templates = new Templates(promptsDir);
            StringBuilder lines = new StringBuilder();
            int droppedSides = 0;
            try (Backend backend = server.open(OpenAiBackend.Endpoint.CHAT, judge.main.env(), spec.commandLine().getErr())) {
                CritiqueJudge j = new CritiqueJudge(backend, templates, 1, 10, temperature, 1024);
                List<List<CritiqueSet.Row>> perPair = inParallel(rows.size(), server.inFlight(), i -> build(backend, templates, j, rows.get(i), i));
                for (List<CritiqueSet.Row> set : perPair) {
                    droppedSides += 2 - (int) set.stream().map(CritiqueSet.Row::side).distinct().count();
                    for (CritiqueSet.Row r : set) lines.append(PyJson.dumps(r.toJson())).append('\n');
                }
            }
            AtomicFiles.write(out, lines);
            spec.commandLine().getOut().printf("%d pairs; %d responses had no critique that agreed with the preference; wrote %s%n",
                    rows.size(), droppedSides, out);
        }

        private List<CritiqueSet.Row> build(Backend backend, Templates templates, CritiqueJudge j, JsonlReader.Row row, int index) {
            String id = row.has("id") ? String.valueOf(row.fields().get("id")) : String.valueOf(index);
            String prompt = row.string("prompt");
            long s = seed + 1000L * index;
            List<CritiqueSet.Row> kept = CritiqueSet.consistent(id, prompt, row.string("chosen"), row.string("rejected"),
                    j.pointwise(prompt, row.string("chosen"), m, s, CritiqueJudge.Aggregate.MEAN).critiques(),
                    j.pointwise(prompt, row.string("rejected"), m, s + 1, CritiqueJudge.Aggregate.MEAN).critiques());
            if (refine.equals("none")) return kept;
            List<CritiqueSet.Row> refined = new ArrayList<>();
            for (String side : List.of("chosen", "rejected")) {
                List<CritiqueSet.Row> ofSide = kept.stream().filter(r -> r.side().equals(side)).toList();
                if (ofSide.isEmpty()) continue;
                if (refine.equals("topk")) refined.addAll(CritiqueSet.topK(backend, templates, ofSide, k, s + 2));
                else CritiqueSet.merge(backend, templates, ofSide, 1, 10, s + 3).ifPresent(refined::add);
            }
            return refined;
        }
    }

    @Command(name = "rationale", mixinStandardHelpOptions = true,
            description = "Rationale quality of critiques: comprehensiveness, sufficiency and leakage-adjusted simulatability.")
    static final class Rationale implements Runnable {
        @Spec
        CommandSpec spec;

        @ParentCommand
        JudgeCommand judge;

        @Mixin
        BackendOptions server;

        @Option(names = "--critiques", required = true, paramLabel = "FILE", description = "JSONL with prompt, response, critique and score (as jack judge critiques writes).")
        Path critiques;

        @Option(names = "--scale", defaultValue = "1-10", description = "The score scale (default: ${DEFAULT-VALUE}).")
        String scale;

        @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds for the simulator (default: ${DEFAULT-VALUE}).")
        int folds;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Report JSON.")
        Path out;

        @Override
        public void run() {
            int[] range = SynthCommand.parseRange(scale);
            List<JsonlReader.Row> rows = rows(critiques);
            List<dev.jack.judge.RationaleMetrics.Example> examples = new ArrayList<>();
            for (JsonlReader.Row r : rows) {
                if (!(r.fields().get("score") instanceof Number score)) throw r.error("score", "must be a number");
                String label = score.doubleValue() >= (range[0] + range[1]) / 2.0 ? "high" : "low";
                examples.add(new dev.jack.judge.RationaleMetrics.Example(r.string("prompt") + "\n" + r.string("response"), r.string("critique"), label));
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("rows", rows.size());
            report.put("las", dev.jack.judge.RationaleMetrics.leakageAdjustedSimulatability(examples, Math.max(2, folds)));
            try (Backend backend = server.open(OpenAiBackend.Endpoint.CHAT, judge.main.env(), spec.commandLine().getErr())) {
                dev.jack.judge.VerdictProbability p = new dev.jack.judge.VerdictProbability(backend, new Templates(null), range[0], range[1]);
                List<double[]> scores = inParallel(rows.size(), server.inFlight(), i -> {
                    JsonlReader.Row r = rows.get(i);
                    String response = r.string("response");
                    List<String> evidence = dev.jack.judge.RationaleMetrics.evidence(r.string("critique"), response);
                    if (evidence.isEmpty()) return null;
                    double verdict = ((Number) r.fields().get("score")).doubleValue();
                    java.util.function.ToDoubleFunction<String> prob = text -> p.of(r.string("prompt"), text, verdict);
                    return new double[] {dev.jack.judge.RationaleMetrics.comprehensiveness(prob, response, evidence),
                            dev.jack.judge.RationaleMetrics.sufficiency(prob, response, evidence)};
                });
                List<double[]> measured = scores.stream().filter(java.util.Objects::nonNull).toList();
                report.put("rows_citing_evidence", measured.size());
                report.put("comprehensiveness", measured.stream().mapToDouble(d -> d[0]).average().orElse(Double.NaN));
                report.put("sufficiency", measured.stream().mapToDouble(d -> d[1]).average().orElse(Double.NaN));
            }
            AtomicFiles.write(out, PyJson.dumps(report) + "\n");
            spec.commandLine().getOut().println(PyJson.dumps(report));
        }
    }
}
