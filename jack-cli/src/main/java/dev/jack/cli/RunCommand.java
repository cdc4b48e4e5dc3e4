package dev.jack.cli;

import dev.jack.core.data.AtomicFiles;
import dev.jack.core.json.Json;
import dev.jack.core.json.PyJson;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code jack run}: synth → sample → score → curate (rs, mcts) → ablate → report from one config file (YAML or
 * JSON). Each stage is the jack subcommand of the same name, run with arguments built from the config. A
 * stage that finished with the same arguments (and the same earlier stages) is skipped; one whose arguments
 * changed starts afresh; an interrupted stage resumes (sample and mcts keep journals). The schema is in the
 * README: every key of a stage's section is that subcommand's option, with _ for -.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline from one config file: synth, sample, score, curate rs and mcts, ablate, report.",
                "Rerun after an interruption: finished stages are skipped and interrupted ones resume."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Run config, YAML or JSON (see the README for the schema).")
    Path config;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Overrides the config's out_dir.")
    Path outDir;

    @Option(names = "--force", description = "Run every stage again, even those already finished.")
    boolean force;

    private static final List<String> STAGES = List.of("synth", "sample", "score", "rs", "mcts", "ablate", "report");

    /** The keys each section may hold: a stage section's keys are that subcommand's options. */
    private static final Map<String, Set<String>> SECTIONS = Map.of(
            "model", Set.of("backend", "model", "api_key_env", "concurrency", "timeout", "max_attempts", "no_model_check"),
            "synth", Set.of("count", "constraints", "difficulty", "hardness", "tasks", "task_field", "threads"),
            "sample", Set.of("n", "temperature", "top_p", "top_k", "max_tokens", "system", "endpoint", "logprobs"),
            "score", Set.of("reward", "all_or_nothing"),
            "rs", Set.of("contrast", "high_share", "min_gap", "max_pairs", "format", "parquet"),
            "mcts", Set.of("preset", "k", "k_root", "simulations_root", "simulations", "depth", "exploration", "prior", "min_q_gap",
                    "max_pairs", "step_tokens", "temperature", "top_p", "max_tokens", "parallel_prompts", "format", "limit", "parquet"),
            "ablate", Set.of("max_pairs", "min_gap", "high_share", "format", "parquet"),
            "report", Set.of("sample"));
    private static final Set<String> TOP_LEVEL = Set.of("out_dir", "seed", "prompts", "punkt_dir", "stages", "model", "synth", "sample",
            "score", "curate", "ablate", "report");

    @Override
    public Integer call() {
        Map<String, Object> cfg = read(config);
        validate(cfg);
        Path dir = outDir != null ? outDir : Path.of(String.valueOf(cfg.getOrDefault("out_dir", "out/run")));
        List<String> stages = stages(cfg);
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StringBuilder chain = new StringBuilder();
        for (String stage : stages) {
            List<String> args = args(stage, cfg, dir, stages);
            chain.append(String.join("\u0000", args)).append('\n');
            Path marker = dir.resolve(".jack-run").resolve(stage + ".json");
            Map<?, ?> previous = Files.exists(marker) ? (Map<?, ?>) Json.parse(readString(marker)) : null;
            String fingerprint = sha256(chain.toString());
            boolean same = previous != null && fingerprint.equals(previous.get("fingerprint"));
            if (same && Boolean.TRUE.equals(previous.get("done")) && !force) {
                console.println("stage " + stage + ": done before, skipped");
                continue;
            }
            if (!same || force) deleteOutputs(stage, dir);
            writeMarker(marker, fingerprint, false);
            console.println("stage " + stage + ": jack " + String.join(" ", args));
            console.flush();
            int code = Main.run(args.toArray(String[]::new), console, err, main.env());
            if (code != 0) {
                err.println("jack: stage " + stage + " failed (exit " + code + "); fix the cause and rerun: finished stages are skipped");
                return code;
            }
            writeMarker(marker, fingerprint, true);
        }
        console.println("run finished in " + dir + (stages.contains("report") ? "; open " + dir.resolve("report.html") : ""));
        return 0;
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path file) {
        if (!Files.isRegularFile(file)) throw new UserException("--config " + file + ": no such file");
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(readString(file));
        } catch (YAMLException e) {
            throw new UserException(file + ": not valid YAML or JSON: " + e.getMessage());
        }
        if (doc == null) return new LinkedHashMap<>();
        if (!(doc instanceof Map<?, ?> map)) throw new UserException(file + ": the config must be a mapping of keys to values");
        return (Map<String, Object>) map;
    }

    private void validate(Map<String, Object> cfg) {
        for (Map.Entry<String, Object> e : cfg.entrySet()) {
            String key = e.getKey();
            if (!TOP_LEVEL.contains(key)) throw unknown(key, TOP_LEVEL);
            if (key.equals("curate")) {
                Map<?, ?> curate = section("curate", e.getValue());
                for (Map.Entry<?, ?> c : curate.entrySet()) {
                    String name = String.valueOf(c.getKey());
                    if (!name.equals("rs") && !name.equals("mcts")) throw unknown("curate." + name, Set.of("rs", "mcts"));
                    checkSection("curate." + name, name, c.getValue());
                }
            } else if (SECTIONS.containsKey(key)) {
                checkSection(key, key, e.getValue());
            }
        }
        for (String stage : stages(cfg)) if (!STAGES.contains(stage)) throw new UserException(config + ": stages: unknown stage " + stage + " (known: " + STAGES + ")");
    }

    private void checkSection(String path, String kind, Object value) {
        for (Map.Entry<?, ?> e : section(path, value).entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!SECTIONS.get(kind).contains(key)) throw unknown(path + "." + key, SECTIONS.get(kind));
            if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof List<?>) {
                throw new UserException(config + ": " + path + "." + key + ": must be a single value");
            }
        }
    }

    private Map<?, ?> section(String path, Object value) {
        if (value == null) return Map.of();
        if (!(value instanceof Map<?, ?> map)) throw new UserException(config + ": " + path + ": must be a mapping of keys to values");
        return map;
    }

    private UserException unknown(String key, Set<String> known) {
        return new UserException(config + ": " + key + ": unknown key (known here: " + String.join(", ", known.stream().sorted().toList()) + ")");
    }

    private List<String> stages(Map<String, Object> cfg) {
        List<String> stages = new ArrayList<>();
        if (cfg.get("stages") instanceof List<?> list) {
            for (Object s : list) stages.add(String.valueOf(s));
        } else {
            stages.addAll(STAGES);
        }
        if (cfg.containsKey("prompts")) stages.remove("synth");
        return stages;
    }

    /** The subcommand's arguments for a stage. */
    private List<String> args(String stage, Map<String, Object> cfg, Path dir, List<String> stages) {
        String seed = String.valueOf(cfg.getOrDefault("seed", 1));
        Path prompts = cfg.containsKey("prompts") ? Path.of(String.valueOf(cfg.get("prompts"))) : dir.resolve("prompts.jsonl");
        List<String> a = new ArrayList<>();
        switch (stage) {
            case "synth" -> {
                a.addAll(List.of("synth", "--out", prompts.toString(), "--seed", seed));
                Map<?, ?> synth = section("synth", cfg.get("synth"));
                if (!synth.containsKey("count")) a.addAll(List.of("--count", "100"));
                options(a, synth);
                punkt(a, cfg);
            }
            case "sample" -> {
                a.addAll(List.of("sample", "--prompts", prompts.toString(), "--out", dir.resolve("samples.jsonl").toString(), "--seed", seed));
                model(a, cfg);
                options(a, section("sample", cfg.get("sample")));
            }
            case "score" -> {
                a.addAll(List.of("score", "--prompts", prompts.toString(), "--samples", dir.resolve("samples.jsonl").toString(),
                        "--out", dir.resolve("scored.jsonl").toString()));
                options(a, section("score", cfg.get("score")));
                punkt(a, cfg);
            }
            case "rs" -> {
                a.addAll(List.of("curate", "rs", "--scored", dir.resolve("scored.jsonl").toString(), "--out", dir.resolve("pairs-rs.jsonl").toString(),
                        "--seed", seed));
                options(a, curateSection(cfg, "rs"));
            }
            case "mcts" -> {
                a.addAll(List.of("curate", "mcts", "--prompts", prompts.toString(), "--out", dir.resolve("pairs-mcts.jsonl").toString(), "--seed", seed));
                model(a, cfg);
                options(a, section("score", cfg.get("score")));
                options(a, curateSection(cfg, "mcts"));
                punkt(a, cfg);
            }
            case "ablate" -> {
                a.addAll(List.of("ablate", "--scored", dir.resolve("scored.jsonl").toString(), "--prompts", prompts.toString(),
                        "--out-dir", dir.resolve("ablations").toString(), "--seed", seed));
                if (stages.contains("mcts")) a.addAll(List.of("--mcts", dir.resolve("pairs-mcts.jsonl").toString()));
                options(a, section("ablate", cfg.get("ablate")));
            }
            case "report" -> {
                a.addAll(List.of("report", "--out", dir.resolve("report.html").toString(), "--prompts", prompts.toString(), "--seed", seed));
                if (stages.contains("score")) a.addAll(List.of("--scored", dir.resolve("scored.jsonl").toString()));
                for (String method : List.of("rs", "mcts")) {
                    if (stages.contains(method)) a.addAll(List.of("--pairs", dir.resolve("pairs-" + method + ".jsonl").toString()));
                }
                options(a, section("report", cfg.get("report")));
            }
            default -> throw new IllegalStateException(stage);
        }
        return a;
    }

    private Map<?, ?> curateSection(Map<String, Object> cfg, String method) {
        return section("curate." + method, section("curate", cfg.get("curate")).get(method));
    }

    private void model(List<String> a, Map<String, Object> cfg) {
        Map<?, ?> model = section("model", cfg.get("model"));
        if (!model.containsKey("backend")) a.addAll(List.of("--backend", "embedded"));
        if (!model.containsKey("model")) a.addAll(List.of("--model", "tiny"));
        options(a, model);
    }

    private static void punkt(List<String> a, Map<String, Object> cfg) {
        if (cfg.get("punkt_dir") != null) a.addAll(List.of("--punkt-dir", String.valueOf(cfg.get("punkt_dir"))));
    }

    /** Each key becomes --key-name VALUE; true becomes a bare flag and false leaves it out. */
    private static void options(List<String> a, Map<?, ?> section) {
        for (Map.Entry<?, ?> e : section.entrySet()) {
            String flag = "--" + String.valueOf(e.getKey()).replace('_', '-');
            switch (e.getValue()) {
                case Boolean b when b -> a.add(flag);
                case Boolean b -> { }
                case null -> { }
                case Object v -> a.addAll(List.of(flag, String.valueOf(v)));
            }
        }
    }

    private static void writeMarker(Path marker, String fingerprint, boolean done) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fingerprint", fingerprint);
        m.put("done", done);
        AtomicFiles.write(marker, PyJson.dumps(m) + "\n");
    }

    /** What a stage writes, removed when its arguments changed so that it starts afresh. */
    private static void deleteOutputs(String stage, Path dir) {
        List<Path> paths = switch (stage) {
            case "synth" -> List.of(dir.resolve("prompts.jsonl"), dir.resolve("prompts.stats.json"));
            case "sample" -> List.of(dir.resolve("samples.jsonl"), dir.resolve("samples.jsonl.failed.jsonl"));
            case "score" -> List.of(dir.resolve("scored.jsonl"));
            case "rs" -> List.of(dir.resolve("pairs-rs.jsonl"), dir.resolve("pairs-rs.jsonl.stats.json"), dir.resolve("pairs-rs.parquet"));
            case "mcts" -> List.of(dir.resolve("pairs-mcts.jsonl"), dir.resolve("pairs-mcts.jsonl.stats.json"), dir.resolve("pairs-mcts.jsonl.journal.jsonl"),
                    dir.resolve("pairs-mcts.parquet"));
            case "ablate" -> List.of(dir.resolve("ablations"));
            case "report" -> List.of(dir.resolve("report.html"));
            default -> List.of();
        };
        try {
            for (Path p : paths) {
                if (!Files.exists(p)) continue;
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the " + stage + " stage's old outputs: " + e.getMessage(), e);
        }
    }
}
