package dev.jack.cli;

import dev.jack.core.data.AtomicFiles;
import dev.jack.core.json.PyJson;
import dev.jack.core.synth.BaseTask;
import dev.jack.core.synth.Difficulty;
import dev.jack.core.synth.Hardness;
import dev.jack.core.synth.SplitPlan;
import dev.jack.core.synth.SynthStats;
import dev.jack.core.synth.Synthesizer;
import dev.jack.core.text.TextTools;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jack synth}: prompts with verifiable constraints, each proven satisfiable by a witness response. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Synthesizes unique prompts: a base task plus compatible constraints, in IFEval's input format.",
                "Every prompt comes with a witness response that passes all its constraints under the strict checker."})
final class SynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--count", required = true, description = "How many prompts (over all splits).")
    int count;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}). Same seed and options, same bytes.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output JSONL (with --split, FILE gets .train/.test before its extension).")
    Path out;

    @Option(names = "--witnesses", paramLabel = "FILE", description = "Also write the witnesses as a response file ({key, prompt, response}).")
    Path witnesses;

    @Option(names = "--stats", paramLabel = "FILE", description = "Statistics JSON (default: next to --out, ending .stats.json).")
    Path statsFile;

    @Option(names = "--constraints", defaultValue = "1-6", paramLabel = "MIN-MAX", description = "Constraints per prompt (default: ${DEFAULT-VALUE}).")
    String constraintRange;

    @Option(names = "--difficulty", defaultValue = "mixed", description = "easy, moderate, hard, or mixed (default: ${DEFAULT-VALUE}).")
    String difficulty;

    @Option(names = "--hardness", paramLabel = "FILE",
            description = "JSON object: constraint id -> hardness in [0,1], or -> {\"pass_rate\": p} from measured responses.")
    Path hardnessFile;

    @Option(names = "--tasks", paramLabel = "FILE", description = "Your own base tasks: text (one per line) or JSONL. Default: Jack's corpus.")
    Path tasksFile;

    @Option(names = "--task-field", defaultValue = "prompt", description = "JSONL field holding the task (default: ${DEFAULT-VALUE}).")
    String taskField;

    @Option(names = "--split", paramLabel = "train,test", description = "Write a train and a test split with disjoint base tasks.")
    String split;

    @Option(names = "--test-fraction", defaultValue = "0.1", description = "Share of base tasks (and prompts) in the test split (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--holdout-pairs", defaultValue = "0", description = "Share of allowed constraint pairs kept out of the train split (default: ${DEFAULT-VALUE}).")
    double holdoutPairs;

    @Option(names = "--punkt-dir", paramLabel = "DIR", description = "NLTK punkt_tab folder (see jack eval).")
    Path punktDir;

    @Option(names = "--threads", description = "Worker threads (default: all cores). The output does not depend on it.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
        if (count < 1) throw new UserException("--count must be at least 1");
        int[] range = parseRange(constraintRange);
        Difficulty tier;
        try {
            tier = Difficulty.parse(difficulty);
        } catch (IllegalArgumentException e) {
            throw new UserException("--difficulty: " + e.getMessage());
        }
        Hardness hardness = hardnessFile == null ? Hardness.defaults() : Hardness.read(hardnessFile);
        List<BaseTask> tasks = tasksFile == null ? BaseTask.builtIn() : BaseTask.read(tasksFile, taskField);
        if (split != null && !split.equals("train,test")) throw new UserException("--split takes train,test");
        if (!(testFraction > 0 && testFraction < 1)) throw new UserException("--test-fraction must be between 0 and 1");
        if (!(holdoutPairs >= 0 && holdoutPairs < 1)) throw new UserException("--holdout-pairs must be in [0, 1)");

        DataLocations data = main.data();
        TextTools text = new TextTools(() -> data.punktEnglish(punktDir));
        PrintWriter console = spec.commandLine().getOut();
        List<SplitPlan.Part> parts;
        try {
            parts = split == null
                    ? List.of(new SplitPlan.Part("", tasks, count, java.util.Set.of()))
                    : SplitPlan.trainTest(tasks, count, testFraction, holdoutPairs, seed);
        } catch (IllegalArgumentException e) {
            throw new UserException("--split: " + e.getMessage());
        }
        long key = 1;
        for (SplitPlan.Part part : parts) {
            Synthesizer.Options options;
            try {
                options = new Synthesizer.Options(seed, range[0], range[1], tier, hardness, part.heldOutPairs());
            } catch (IllegalArgumentException e) {
                throw new UserException("--constraints: " + e.getMessage());
            }
            SynthStats stats = new SynthStats();
            Path prompts = withSuffix(out, part.name());
            Path witnessPath = witnesses == null ? null : withSuffix(witnesses, part.name());
            long started = System.nanoTime();
            long firstKey = key;
            writeStreaming(prompts, witnessPath, (promptSink, witnessSink) ->
                    new Synthesizer(part.tasks(), options, text, stats).run(part.count(), firstKey, Math.max(1, threads), p -> {
                        promptSink.accept(p.toJsonLine());
                        if (witnessSink != null) witnessSink.accept(p.witnessJsonLine());
                    }));
            double seconds = (System.nanoTime() - started) / 1e9;
            key += part.count();
            Path statsPath = statsFile != null ? withSuffix(statsFile, part.name()) : siblingStats(prompts);
            AtomicFiles.write(statsPath, PyJson.dumps(stats.toJson()) + "\n");
            console.printf("wrote %d prompts to %s in %.1f s%s%n", stats.prompts(), prompts, seconds,
                    witnessPath == null ? "" : " (witnesses: " + witnessPath + ")");
            stats.reportLines().forEach(l -> console.println("  " + l));
            console.println("  statistics: " + statsPath);
        }
        return 0;
    }

    private interface Body {
        void write(java.util.function.Consumer<String> prompts, java.util.function.Consumer<String> witnesses);
    }

    /** Streams lines into temporary files and moves them into place only when all were written. */
    private static void writeStreaming(Path prompts, Path witnesses, Body body) {
        try {
            Path promptTmp = temp(prompts);
            Path witnessTmp = witnesses == null ? null : temp(witnesses);
            try (BufferedWriter p = Files.newBufferedWriter(promptTmp, StandardCharsets.UTF_8);
                 BufferedWriter w = witnessTmp == null ? null : Files.newBufferedWriter(witnessTmp, StandardCharsets.UTF_8)) {
                body.write(line -> writeLine(p, line), w == null ? null : line -> writeLine(w, line));
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(promptTmp);
                if (witnessTmp != null) Files.deleteIfExists(witnessTmp);
                throw e;
            }
            Files.move(promptTmp, prompts, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (witnessTmp != null) Files.move(witnessTmp, witnesses, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temp(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    }

    private static void writeLine(BufferedWriter w, String line) {
        try {
            w.write(line);
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] parseRange(String s) {
        try {
            String[] parts = s.split("-", -1);
            int lo = Integer.parseInt(parts[0].strip());
            int hi = parts.length == 1 ? lo : Integer.parseInt(parts[1].strip());
            if (parts.length > 2) throw new NumberFormatException();
            return new int[] {lo, hi};
        } catch (NumberFormatException e) {
            throw new UserException("--constraints takes a number or a range such as 1-6, got \"" + s + "\"");
        }
    }

    /** prompts.jsonl + "train" → prompts.train.jsonl; an empty suffix leaves the path alone. */
    static Path withSuffix(Path file, String suffix) {
        if (suffix.isEmpty()) return file;
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String renamed = dot > 0 ? name.substring(0, dot) + "." + suffix + name.substring(dot) : name + "." + suffix;
        return file.resolveSibling(renamed);
    }

    private static Path siblingStats(Path prompts) {
        String name = prompts.getFileName().toString();
        return prompts.resolveSibling((name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name) + ".stats.json");
    }
}
