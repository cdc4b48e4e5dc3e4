package dev.jack.pipeline.stage;

import dev.jack.core.UserException;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.Decontamination;
import dev.jack.core.json.PyJson;
import dev.jack.core.synth.BaseTask;
import dev.jack.core.synth.Difficulty;
import dev.jack.core.synth.DifficultyThresholds;
import dev.jack.core.synth.Hardness;
import dev.jack.core.synth.SplitPlan;
import dev.jack.core.synth.SynthStats;
import dev.jack.core.synth.Synthesizer;
import dev.jack.core.text.TextTools;
import dev.jack.pipeline.Check;
import dev.jack.pipeline.Inputs;
import dev.jack.pipeline.IntRange;
import dev.jack.core.OptionException;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code jack synth}: unique prompts in IFEval's input format, each with a witness response that passes all its
 * constraints under the strict checker ({@link Synthesizer}). Writes {@code out} (with a split, {@code out} gets
 * {@code .train}/{@code .test} before its extension), the witnesses when asked, and statistics ({@code stats}, by
 * default {@code out} with {@code .jsonl} replaced by {@code .stats.json}). Files are streamed to a temporary file and
 * moved into place only when complete. The output does not depend on {@code threads}.
 */
public record SynthStage(Path out, Path witnesses, Path stats, Options options, int threads) implements Stage {
    /**
     * What to make: {@code count} prompts (over all splits) from the seed; {@code constraints} per prompt; a difficulty
     * tier; hardness from a file (null: Jack's priors); base tasks from a file (null: Jack's corpus) and the JSONL field
     * holding them; with {@code split}, a train and a test file with disjoint base tasks, {@code testFraction} of them
     * in test and {@code holdoutPairs} of the allowed constraint pairs kept out of train; the Punkt folder (null: Jack's own);
     * base tasks and prompts that overlap evaluation prompts dropped ({@code decontaminate}); tiers measured by
     * predicted pass rate ({@code thresholds}, null: tiers as drawn; see {@link Synthesizer.Options}); the catalog the
     * constraints come from ({@code ifeval}, {@code ifbench}, {@code ifevalg}, a user's, or {@code all};
     * {@link Synthesizer#catalog}); and a catalog kept out of training data (null: none): the train split, or without a
     * split the one output, never holds its constraints, while the test split draws from them too.
     */
    public record Options(int count, long seed, IntRange constraints, Difficulty difficulty, Path hardness, Path tasks, String taskField,
                          boolean split, double testFraction, double holdoutPairs, Path punktDir, Decontaminate decontaminate,
                          DifficultyThresholds thresholds, String catalog, String holdoutCatalog) {
        public static final IntRange DEFAULT_CONSTRAINTS = new IntRange(1, 6);
        public static final String DEFAULT_CATALOG = "ifeval";

        public Options {
            Check.atLeast("count", count, 1);
            Check.between("test_fraction", testFraction, 0, 1);
            Check.below("holdout_pairs", holdoutPairs, 0, 1);
            constraints.check("constraints", 1);
            if (decontaminate == null) decontaminate = Decontaminate.NONE;
            catalogIds("catalog", catalog);
            if (holdoutCatalog != null) catalogIds("holdout_catalog", holdoutCatalog);
        }

        /** Without decontamination, tiers as drawn, IFEval's constraints. */
        public Options(int count, long seed, IntRange constraints, Difficulty difficulty, Path hardness, Path tasks, String taskField,
                       boolean split, double testFraction, double holdoutPairs, Path punktDir) {
            this(count, seed, constraints, difficulty, hardness, tasks, taskField, split, testFraction, holdoutPairs, punktDir, Decontaminate.NONE, null,
                    DEFAULT_CATALOG, null);
        }

        private static List<String> catalogIds(String key, String name) {
            try {
                return Synthesizer.catalog(name);
            } catch (IllegalArgumentException e) {
                throw new OptionException(key, e.getMessage());
            }
        }
    }

    @Override
    public Record settings() {
        return options;
    }

    @Override
    public String name() {
        return "synth";
    }

    /** The output files: one, or a train and a test file. */
    private List<String> parts() {
        return options.split() ? List.of("train", "test") : List.of("");
    }

    @Override
    public List<Path> inputs() {
        return Inputs.of(options.hardness(), options.tasks(), Inputs.punkt(options.punktDir()), options.decontaminate().files());
    }

    @Override
    public List<Path> outputs() {
        List<Path> paths = new ArrayList<>();
        for (String part : parts()) {
            Path prompts = withSuffix(out, part);
            paths.add(prompts);
            if (witnesses != null) paths.add(withSuffix(witnesses, part));
            paths.add(statsPath(prompts, part));
        }
        return paths;
    }

    private Path statsPath(Path prompts, String part) {
        return stats != null ? withSuffix(stats, part) : Inputs.replaceJsonl(prompts, ".stats.json");
    }

    @Override
    public Status run(StageContext context) {
        Prepared prepared = prepare(context);
        List<BaseTask> tasks = prepared.tasks();
        PrintWriter console = context.out();
        List<SplitPlan.Part> plan = plan(tasks);
        long key = 1;
        for (SplitPlan.Part part : plan) {
            SynthStats stats = new SynthStats();
            Synthesizer synthesizer = synthesizer(prepared, part, stats);
            Path prompts = withSuffix(out, part.name());
            Path witnessPath = witnesses == null ? null : withSuffix(witnesses, part.name());
            long started = System.nanoTime();
            long firstKey = key;
            writeStreaming(prompts, witnessPath, (promptSink, witnessSink) ->
                    synthesizer.run(part.count(), firstKey, Math.max(1, threads), p -> {
                        promptSink.accept(p.toJsonLine());
                        if (witnessSink != null) witnessSink.accept(p.witnessJsonLine());
                    }));
            double seconds = (System.nanoTime() - started) / 1e9;
            key += part.count();
            Path statsPath = statsPath(prompts, part.name());
            AtomicFiles.write(statsPath, PyJson.dumps(stats.toJson()) + "\n");
            summary(console, stats, prompts.toString(), witnessPath == null ? null : witnessPath.toString(), seconds, statsPath.toString());
        }
        return Status.DONE;
    }

    /** The summary lines of a part: prompts written where, in how long, the statistics and where they are. */
    public static void summary(PrintWriter console, SynthStats stats, String prompts, String witnesses, double seconds, String statsFile) {
        console.printf("wrote %d prompts to %s in %.1f s%s%n", stats.prompts(), prompts, seconds, witnesses == null ? "" : " (witnesses: " + witnesses + ")");
        stats.reportLines().forEach(l -> console.println("  " + l));
        console.println("  statistics: " + statsFile);
    }

    /**
     * The parts of a run: train and test with a split, else the one output; each draws from the catalog, less the
     * held-out catalog where training data is made.
     *
     * @throws OptionException for a split the tasks cannot make, or a held-out catalog that leaves nothing to draw
     */
    private List<SplitPlan.Part> plan(List<BaseTask> tasks) {
        List<SplitPlan.Part> plan;
        try {
            List<String> ids = Synthesizer.catalog(options.catalog());
            List<String> heldOut = options.holdoutCatalog() == null ? List.of() : Synthesizer.catalog(options.holdoutCatalog());
            plan = options.split()
                    ? SplitPlan.trainTest(tasks, options.count(), options.testFraction(), options.holdoutPairs(), options.seed(), ids, heldOut)
                    : List.of(new SplitPlan.Part("", tasks, options.count(), Set.of(), ids.stream().filter(id -> !heldOut.contains(id)).toList()));
        } catch (IllegalArgumentException e) {
            throw new OptionException("split", e.getMessage());
        }
        if (plan.getFirst().constraints().isEmpty()) {
            throw new OptionException("holdout_catalog", "holding " + options.holdoutCatalog() + " out of " + options.catalog() + " leaves no constraint to draw");
        }
        return plan;
    }

    /** What every part of a run draws on: hardness, base tasks (less those overlapping evaluation prompts), text tools. */
    private record Prepared(Hardness hardness, List<BaseTask> tasks, Decontamination decontamination, int tasksDropped, TextTools text) {}

    private Prepared prepare(StageContext context) {
        Hardness hardness = options.hardness() == null ? Hardness.defaults() : Hardness.read(options.hardness());
        List<BaseTask> tasks = options.tasks() == null ? BaseTask.builtIn() : BaseTask.read(options.tasks(), options.taskField());
        Decontamination decontamination = options.decontaminate().load(context);
        int tasksDropped = 0;
        if (decontamination != null) {
            List<BaseTask> clean = tasks.stream().filter(t -> !decontamination.taskOverlaps(t.text())).toList();
            tasksDropped = tasks.size() - clean.size();
            if (clean.isEmpty()) throw new UserException("every base task overlaps an evaluation prompt (" + options.decontaminate().ngram() + "-grams)");
            tasks = clean;
        }
        return new Prepared(hardness, tasks, decontamination, tasksDropped, context.text(options.punktDir()));
    }

    /** A part's synthesizer, counting into {@code stats} (which records the decontamination and tiers asked for). */
    private Synthesizer synthesizer(Prepared p, SplitPlan.Part part, SynthStats stats) {
        Synthesizer.Options synth;
        try {
            synth = new Synthesizer.Options(options.seed(), options.constraints().min(), options.constraints().max(), options.difficulty(),
                    p.hardness(), part.heldOutPairs(), part.constraints(), options.thresholds());
        } catch (IllegalArgumentException e) {
            throw new OptionException("constraints", e.getMessage());
        }
        if (p.decontamination() != null) {
            stats.decontaminating(options.decontaminate().sets(), p.decontamination().evalPrompts(), options.decontaminate().ngram(),
                    options.decontaminate().share(), p.tasksDropped());
        }
        if (options.thresholds() != null) stats.measuringTiers(options.thresholds());
        return new Synthesizer(part.tasks(), synth, p.text(), stats, p.decontamination());
    }

    /**
     * The synthesizers of a run without a split, whose attempts may run anywhere ({@link Synthesizer#attempt}): what
     * they share is prepared once (evaluation prompts loaded, base tasks checked against them), then each call makes
     * one counting into the statistics given. A run on a cluster makes its prompts by attempt ranges with them; keys
     * start at 1, as {@link #run} gives them.
     *
     * @throws OptionException for a split, or constraints the options cannot hold
     */
    public java.util.function.Function<SynthStats, Synthesizer> synthesizers(StageContext context) {
        if (options.split()) throw new OptionException("split", "a split is made in one process only (jack synth --split)");
        Prepared prepared = prepare(context);
        SplitPlan.Part whole = plan(prepared.tasks()).getFirst();
        synthesizer(prepared, whole, new SynthStats());  // checks the options now
        return stats -> synthesizer(prepared, whole, stats);
    }

    private interface Body {
        void write(Consumer<String> prompts, Consumer<String> witnesses);
    }

    /** Streams lines into temporary files and moves them into place only when all were written. */
    private static void writeStreaming(Path prompts, Path witnesses, Body body) {
        try {
            Path promptTmp = AtomicFiles.temporaryFor(prompts);
            Path witnessTmp = witnesses == null ? null : AtomicFiles.temporaryFor(witnesses);
            try (BufferedWriter p = Files.newBufferedWriter(promptTmp, StandardCharsets.UTF_8);
                 BufferedWriter w = witnessTmp == null ? null : Files.newBufferedWriter(witnessTmp, StandardCharsets.UTF_8)) {
                body.write(line -> writeLine(p, line), w == null ? null : line -> writeLine(w, line));
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(promptTmp);
                if (witnessTmp != null) Files.deleteIfExists(witnessTmp);
                throw e;
            }
            AtomicFiles.moveIntoPlace(promptTmp, prompts);
            if (witnessTmp != null) AtomicFiles.moveIntoPlace(witnessTmp, witnesses);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeLine(BufferedWriter w, String line) {
        try {
            w.write(line);
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
}
