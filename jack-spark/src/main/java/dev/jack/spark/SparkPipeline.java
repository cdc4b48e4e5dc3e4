package dev.jack.spark;

import dev.jack.core.Choices;
import dev.jack.core.OptionException;
import dev.jack.core.UserException;
import dev.jack.core.data.CurationStats;
import dev.jack.core.json.Json;
import dev.jack.core.json.PyJson;
import dev.jack.core.synth.SynthStats;
import dev.jack.llm.Backend;
import dev.jack.core.curate.Mcts;
import dev.jack.llm.GenerationException;
import dev.jack.llm.OpenAiBackend;
import dev.jack.pipeline.ModelOptions;
import dev.jack.pipeline.ClusterOptions;
import dev.jack.pipeline.Fingerprint;
import dev.jack.pipeline.JackVersion;
import dev.jack.pipeline.Pipeline;
import dev.jack.pipeline.RunConfig;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;
import dev.jack.pipeline.config.ConfigException;
import dev.jack.pipeline.stage.MctsStage;
import dev.jack.pipeline.stage.RsStage;
import dev.jack.pipeline.stage.SampleStage;
import dev.jack.pipeline.stage.ScoreStage;
import dev.jack.pipeline.stage.SynthStage;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import scala.Tuple2;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code jack run} on Spark: the stages a {@link RunConfig} selects, in order, the row-parallel ones (synth, sample,
 * score, curate rs, curate mcts: a tree search per prompt) as Spark jobs over datasets, the others (ablate, report) on
 * the driver over the same datasets. Every row is the same bytes as in the single-machine run, and each dataset's rows
 * are in key order across its part files, so concatenating them in name order gives the single-machine file.
 *
 * <p>Layout, under the config's {@code spark.out_dir} (any Hadoop file system URI; by default the run's
 * {@code out_dir}): the datasets {@code prompts.jsonl/}, {@code samples.jsonl/}, {@code scored.jsonl/},
 * {@code pairs-rs.jsonl/} and {@code pairs-mcts.jsonl/}, each a folder of {@code part-NNNNN.jsonl} files with
 * {@code _SUCCESS} once complete (sample's and mcts's failures in {@code failed-NNNNN.jsonl}, mcts's per-prompt costs
 * in {@code searched-NNNNN.jsonl}); the single-machine run's statistics files beside them ({@code prompts.stats.json},
 * {@code pairs-rs.jsonl.stats.json}, {@code pairs-mcts.jsonl.stats.json}); and {@code .jack-spark/STAGE.json}, each
 * stage's {@link Fingerprint} (its options, Jack's version, and its inputs: the fingerprints of the stages that made
 * them, or a given prompts file's size and modification time). A stage whose fingerprint matches a finished one is
 * skipped; otherwise its outputs are removed and it runs again, except a sample or mcts stage that left failed rows,
 * which retries those rows only ({@link Retry}). The driver's stages (ablate, report) need the out dir on the local file
 * system, where they read the dataset folders as files.
 *
 * <p>Exactly once: each task's outputs are committed through Spark's output commit protocol (one attempt per
 * partition commits; failed, retried and speculative attempts leave nothing) and every row is a pure function of its
 * input and the options (sample's seeds are per row), so a retried task writes the same rows.
 */
public final class SparkPipeline {
    private final SparkSession spark;
    private final JavaSparkContext sc;
    private final ShippedConfig shipped;
    private final RunConfig config;
    private final Datasets data;
    private final TaskHook hook;
    private final String out;
    private final int partitions;

    /**
     * @param configFile the run's config (read here, and on each executor from the same text)
     * @param outDir     overrides the config's out_dir (null: none)
     * @param hook       called as tasks hand over rows ({@link TaskHook#NONE}: nothing)
     * @throws UserException naming the config's file, line and key of a bad value
     */
    public SparkPipeline(SparkSession spark, Path configFile, Path outDir, TaskHook hook) {
        this.spark = spark;
        this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        RunConfig read = RunConfig.read(configFile, outDir);
        ClusterOptions cluster = read.cluster();
        this.out = (cluster.outDir() != null && outDir == null ? cluster.outDir() : read.outDir().toString()).replaceAll("/+$", "");
        // The driver's stages (mcts, ablate, report) find the datasets where their paths say: the out dir, when local.
        this.config = local(out) && !Path.of(localPath(out)).equals(read.outDir()) ? RunConfig.read(configFile, Path.of(localPath(out))) : read;
        this.shipped = ShippedConfig.of(configFile, outDir);
        this.data = new Datasets(spark);
        this.hook = hook;
        this.partitions = cluster.partitions() > 0 ? cluster.partitions() : 2 * sc.defaultParallelism();
    }

    /** Where the run's datasets are. */
    public String out() {
        return out;
    }

    /** A dataset's or file's location under the out dir. */
    String at(String name) {
        return out + "/" + name;
    }

    /**
     * Runs the stages, printing one line per stage (skipped, or why it runs) before its own output.
     *
     * @return {@link Stage.Status#INCOMPLETE} when a stage left rows to retry (later stages did not run)
     * @throws UserException naming the stage; an option's problem names its place in the config file
     */
    public Stage.Status run(StageContext context, boolean force) {
        PrintWriter console = context.out();
        Map<RunConfig.Step, String> made = new java.util.EnumMap<>(RunConfig.Step.class);
        List<Planned> plan = stages();
        Pipeline.checkAcross(plan.stream().map(Planned::stage).toList(), config.file());
        for (Planned planned : plan) {
            Stage stage = planned.stage();
            RunConfig.Step step = planned.step();
            String marker = at(".jack-spark/" + stage.name() + ".json");
            Map<?, ?> previous = marker(marker);
            Fingerprint fingerprint = new Fingerprint(stage.name(), stage.settings().toString(), JackVersion.get(), inputs(step, made));
            boolean same = previous != null && fingerprint.digest().equals(previous.get("fingerprint"));
            boolean finished = same && Boolean.TRUE.equals(previous.get("done"));
            made.put(step, fingerprint.digest());
            if (finished && !force) {
                console.println("stage " + stage.name() + ": done before, skipped");
                continue;
            }
            boolean retry = same && !force && (stage instanceof SampleStage && data.exists(at("samples.jsonl/_SUCCESS"))
                    || stage instanceof MctsStage && data.exists(at("pairs-mcts.jsonl/_SUCCESS")));
            String why = force ? "--force" : previous == null ? "first run" : retry ? "retrying its failed rows" : same ? "it did not finish"
                    : fingerprint.differenceFrom(previous);
            if (!retry) for (String o : outputs(step, stage)) data.delete(o);
            data.writeText(marker, fingerprint.marker(false));
            console.println("stage " + stage.name() + ": running " + (dataset(step) != null ? "on Spark" : "on the driver") + " (" + why + ")");
            console.flush();
            Stage.Status status;
            try {
                status = switch (stage) {
                    case SynthStage s -> synth(context);
                    case SampleStage s -> sample(s, retry, context);
                    case ScoreStage s -> score(s, context);
                    case RsStage s -> rs(s, context);
                    case MctsStage s -> mcts(s, retry, context);
                    default -> onDriver(stage, context);
                };
            } catch (OptionException e) {
                throw new ConfigException(config.where(step, e.key()) + ": " + e.detail());
            } catch (UserException e) {
                throw new UserException("stage " + stage.name() + ": " + e.getMessage() + " (fix that and rerun: finished stages are skipped)", e);
            }
            if (status == Stage.Status.INCOMPLETE) {
                context.note("stage " + stage.name() + " did not finish; rerun to retry what failed (finished stages are skipped)");
                return status;
            }
            parquetCopies(step, stage);
            data.writeText(marker, fingerprint.marker(true));
        }
        console.println("run finished in " + out);
        return Stage.Status.DONE;
    }

    /** A stage of the run and the step it is. */
    private record Planned(RunConfig.Step step, Stage stage) {}

    /** The config's stages; synth is left out when the prompts are given (in the config, or its spark section). */
    private List<Planned> stages() {
        List<RunConfig.Step> steps = List.copyOf(config.steps());
        List<Stage> stages = new Pipeline(config).stages();
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) == RunConfig.Step.SYNTH && config.cluster().prompts() != null) continue;
            planned.add(new Planned(steps.get(i), stages.get(i)));
        }
        return planned;
    }

    /**
     * Where the prompts are: screened by Llama Guard (guard_prompts), else given (the spark section's, else the
     * config's), else made by synth.
     */
    private String prompts() {
        if (config.steps().contains(RunConfig.Step.GUARD_PROMPTS)) return at("prompts-screened.jsonl");
        return unscreenedPrompts();
    }

    private String unscreenedPrompts() {
        if (config.cluster().prompts() != null) return config.cluster().prompts();
        if (config.prompts() != null) return config.prompts().toString();
        return at("prompts.jsonl");
    }

    /** What a stage's rows depend on besides its options: the fingerprints of the stages that made its inputs. */
    private List<Fingerprint.Input> inputs(RunConfig.Step step, Map<RunConfig.Step, String> made) {
        RunConfig.Step prompts = made.containsKey(RunConfig.Step.GUARD_PROMPTS) ? RunConfig.Step.GUARD_PROMPTS : RunConfig.Step.SYNTH;
        List<RunConfig.Step> from = switch (step) {
            case SYNTH -> List.of();
            case GUARD_PROMPTS -> List.of(RunConfig.Step.SYNTH);
            case SAMPLE, MCTS -> List.of(prompts);
            case SCORE -> List.of(prompts, RunConfig.Step.SAMPLE);
            case RS -> List.of(RunConfig.Step.SCORE);
            case EDIT -> List.of(prompts, RunConfig.Step.SCORE);
            case GUARD_PAIRS -> List.of(RunConfig.Step.RS, RunConfig.Step.EDIT, RunConfig.Step.MCTS);
            case CRITIQUES -> List.of(RunConfig.Step.GUARD_PAIRS, RunConfig.Step.RS, RunConfig.Step.EDIT, RunConfig.Step.MCTS);
            case ABLATE -> List.of(prompts, RunConfig.Step.SCORE, RunConfig.Step.MCTS);
            case REPORT -> List.of(prompts, RunConfig.Step.SCORE, RunConfig.Step.RS, RunConfig.Step.EDIT, RunConfig.Step.MCTS, RunConfig.Step.ABLATE);
        };
        List<Fingerprint.Input> inputs = new ArrayList<>();
        for (RunConfig.Step s : from) {
            if (made.containsKey(s)) inputs.add(new Fingerprint.Input(Choices.label(s), 0, made.get(s)));
            else if (s == RunConfig.Step.SYNTH && step != RunConfig.Step.SYNTH) inputs.add(given(unscreenedPrompts()));
        }
        return inputs;
    }

    /** A given file or folder as an input: its size and modification time (its content is not read twice). */
    private Fingerprint.Input given(String location) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
            FileStatus s = p.getFileSystem(data.hadoop()).getFileStatus(p);
            long size = s.isFile() ? s.getLen() : p.getFileSystem(data.hadoop()).getContentSummary(p).getLength();
            return new Fingerprint.Input(location, size, "modified " + s.getModificationTime());
        } catch (java.io.IOException e) {
            throw new UserException(location + ": cannot read it: " + e.getMessage(), e);
        }
    }

    /** What a stage writes, removed before it starts afresh. */
    private List<String> outputs(RunConfig.Step step, Stage stage) {
        String dataset = dataset(step);
        if (dataset == null) return stage.outputs().stream().map(Path::toString).toList();
        List<String> outputs = new ArrayList<>(List.of(at(dataset + ".jsonl"), at(dataset + ".jsonl.retry"), at(dataset + ".parquet")));
        if (step == RunConfig.Step.SCORE) outputs.add(at("scored.pass_rates.jsonl"));
        outputs.add(at(step == RunConfig.Step.SYNTH ? "prompts.stats.json" : dataset + ".jsonl.stats.json"));
        return outputs;
    }

    /** The name of the dataset a Spark stage makes (without .jsonl), or null for a stage that runs on the driver. */
    private static String dataset(RunConfig.Step step) {
        return switch (step) {
            case SYNTH -> "prompts";
            case SAMPLE -> "samples";
            case SCORE -> "scored";
            case RS -> "pairs-rs";
            case MCTS -> "pairs-mcts";
            default -> null;
        };
    }

    /**
     * Parquet copies of a finished stage's dataset ({@code NAME.parquet/}): every dataset with {@code spark.format:
     * parquet}, the pairs where the stage's options ask for Parquet.
     */
    private void parquetCopies(RunConfig.Step step, Stage stage) {
        String dataset = dataset(step);
        if (dataset == null) return;
        boolean asked = config.cluster().format() == ClusterOptions.Format.PARQUET
                || stage instanceof RsStage rs && rs.options().parquet() || stage instanceof MctsStage m && m.options().parquet();
        if (!asked) return;
        data.delete(at(dataset + ".parquet"));
        new Parquet(spark).copy(at(dataset + ".jsonl"), at(dataset + ".parquet"));
    }

    private Map<?, ?> marker(String file) {
        String text = data.readText(file);
        if (text == null) return null;
        try {
            return Json.parse(text) instanceof Map<?, ?> m ? m : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Rows in partitions of key ranges (a key's rows in one), ordered by key, tag, index (and place, for equal ones). */
    private JavaRDD<Datasets.Keyed> byKey(JavaRDD<Datasets.Keyed> rows) {
        KeyRanges ranges = KeyRanges.of(rows.map(Datasets.Keyed::key), partitions);
        java.util.Comparator<Datasets.Keyed> order = (java.util.Comparator<Datasets.Keyed> & java.io.Serializable) Datasets.Keyed::compareTo;
        return rows.mapToPair(r -> new Tuple2<>(r, Boolean.TRUE)).repartitionAndSortWithinPartitions(ranges, order).keys();
    }

    private JavaRDD<Datasets.Keyed> keyed(String location, int tag, String indexField) {
        return data.keyed(location, tag, "key", indexField);
    }

    private RowJobs.Counts counts(String stage) {
        return new RowJobs.Counts(sc.sc().longAccumulator(stage + " rows"), sc.sc().longAccumulator(stage + " failures"));
    }

    /** Fails with the first error a job's tasks met in their input (an unreadable row), saying how many there were. */
    private void checkErrors(String dataset) {
        List<String> errors = data.lines(dataset, RowJobs.ERROR);
        if (errors.isEmpty()) return;
        throw new UserException(errors.getFirst() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more rows that cannot be read)" : ""));
    }

    private Stage.Status synth(StageContext context) {
        long started = System.nanoTime();
        SynthStats stats = new SynthStats();
        SynthJob.synthesizer(shipped, stats, context);  // checks the options and prepares the synthesizers before any task
        SynthJob.Job job = SynthJob.plan(sc, shipped, partitions, hook);
        String prompts = at("prompts.jsonl");
        data.write(job.lines(), prompts);
        job.total(stats);
        String statsFile = at("prompts.stats.json");
        data.writeText(statsFile, PyJson.dumps(stats.toJson()) + "\n");
        SynthStage.summary(context.out(), stats, prompts, null, (System.nanoTime() - started) / 1e9, statsFile);
        return Stage.Status.DONE;
    }

    private Stage.Status sample(SampleStage stage, boolean retry, StageContext context) {
        checkServers(stage, context);
        String samples = at("samples.jsonl");
        RowJobs.Counts counts = counts("sample");
        long before = 0;
        if (!retry) {
            data.write(RowJobs.sample(promptsByKey(), null, shipped, hook, counts), samples);
            checkErrors(samples);
        } else {
            before = Retry.retry(this, data, samples, only -> RowJobs.sample(promptsByKey(), only, shipped, hook, counts), counts);
        }
        List<String> failed = data.lines(samples, TaggedOutput.FAILED);
        PrintWriter console = context.out();
        long total = before + counts.rows().value() + failed.size();
        console.printf("rows: %d total, %d already done, %d done now, %d failed%n", total, before, counts.rows().value(), failed.size());
        Map<String, Integer> reasons = new TreeMap<>();
        for (String f : failed) {
            String reason = String.valueOf(((Map<?, ?>) Json.parse(f)).get("reason"));
            reasons.merge(reason.length() > 80 ? reason.substring(0, 80) + "..." : reason, 1, Integer::sum);
        }
        reasons.forEach((reason, n) -> console.printf("  failed %d× : %s%n", n, reason));
        console.println(failed.isEmpty() ? "wrote " + samples : "wrote " + samples + " (incomplete: rerun to retry the failed rows, listed in its failed-* files)");
        return failed.isEmpty() ? Stage.Status.DONE : Stage.Status.INCOMPLETE;
    }

    /** Fails before any task starts when the servers cannot be reached or do not serve the model. */
    private static void checkServers(SampleStage stage, StageContext context) {
        if (stage.model().embedded() || stage.model().noModelCheck()) return;
        checkModel(stage.model(), stage.options().endpoint(), context);
    }

    private static void checkModel(ModelOptions model, OpenAiBackend.Endpoint endpoint, StageContext context) {
        try (Backend ignored = model.open(endpoint, context)) {
            // Opening checks the model.
        } catch (GenerationException e) {
            throw new UserException(e.getMessage(), e);
        }
    }

    private Stage.Status score(ScoreStage stage, StageContext context) {
        String scored = at("scored.jsonl");
        String passRates = at("scored.pass_rates.jsonl");
        CollectionAccumulator<ScoreStage.Tally> tallies = sc.sc().collectionAccumulator("score tallies");
        JavaRDD<Datasets.Keyed> both = keyed(prompts(), 0, null).union(keyed(at("samples.jsonl"), 1, "sample_index"));
        data.write(RowJobs.score(byKey(both), prompts(), shipped, hook, tallies), scored);
        checkErrors(scored);
        data.moveTagged(scored, RowJobs.PASS_RATES, passRates);
        stage.summary(context, tallies.value().stream().reduce(ScoreStage.Tally.NONE, ScoreStage.Tally::plus), scored, passRates);
        return Stage.Status.DONE;
    }

    private Stage.Status rs(RsStage stage, StageContext context) {
        if (stage.options().qualityFloor() != null && !stage.judge().embedded() && !stage.judge().noModelCheck()) {
            checkModel(stage.judge(), OpenAiBackend.Endpoint.CHAT, context);
        }
        String pairs = at("pairs-rs.jsonl");
        CollectionAccumulator<RowJobs.RsTally> tallies = sc.sc().collectionAccumulator("rs tallies");
        data.write(RowJobs.rs(byKey(keyed(at("scored.jsonl"), 1, "sample_index")), shipped, hook, tallies), pairs);
        checkErrors(pairs);
        RowJobs.RsTally t = tallies.value().stream().reduce(RowJobs.RsTally.NONE, RowJobs.RsTally::plus);
        CurationStats stats = CurationStats.rs(Choices.label(stage.options().contrast()), Math.toIntExact(t.prompts()), Math.toIntExact(t.withoutPair()),
                Math.toIntExact(t.pairs()), t.samples(), t.generatedTokens(), t.excluded());
        data.writeText(at("pairs-rs.jsonl.stats.json"), PyJson.dumps(stats.toJson()) + "\n");
        stage.summary(context.out(), stats, t.belowFloor(), pairs);
        return Stage.Status.DONE;
    }

    private Stage.Status mcts(MctsStage stage, boolean retry, StageContext context) {
        Mcts.Settings settings = stage.options().settings();
        if (!stage.model().embedded() && !stage.model().noModelCheck()) checkModel(stage.model(), OpenAiBackend.Endpoint.COMPLETIONS, context);
        String pairs = at("pairs-mcts.jsonl");
        RowJobs.Counts counts = counts("mcts");
        Integer limit = stage.options().limit();
        Long last = limit == null ? null : keyed(prompts(), 0, null).map(Datasets.Keyed::key).takeOrdered(limit).stream().max(Long::compare).orElse(null);
        Retry.Job job = only -> RowJobs.mcts(promptsByKey(), only, last, shipped, hook, counts);
        if (!retry) {
            data.write(job.of(null), pairs);
            checkErrors(pairs);
        } else {
            Retry.retry(this, data, pairs, job, counts);
        }
        List<String> failed = data.lines(pairs, TaggedOutput.FAILED);
        if (!failed.isEmpty()) {
            failed.stream().limit(20).forEach(f -> context.note("failed: " + f));
            context.out().printf("%d prompts failed; the %d done are kept in %s (rerun to retry the failed ones)%n", failed.size(),
                    counts.rows().value(), pairs);
            return Stage.Status.INCOMPLETE;
        }
        JavaRDD<String> searched = sc.textFile(pairs + "/" + RowJobs.SEARCHED + "-*");
        searched.flatMap(line -> RowJobs.checkerErrors(line).iterator()).collect().stream().sorted()
                .forEach(e -> context.note("warning: " + e + " (counted as not followed)"));
        MctsStage.Tally tally = searched.map(RowJobs::tally).fold(MctsStage.Tally.NONE, MctsStage.Tally::plus);
        CurationStats stats = stage.stats(tally, settings);
        data.writeText(at("pairs-mcts.jsonl.stats.json"), PyJson.dumps(stats.toJson()) + "\n");
        stage.summary(tally, stats, pairs, context.out());
        return Stage.Status.DONE;
    }

    /** A stage that runs on the driver (the judges, ablate, report), over the datasets as local files. */
    private Stage.Status onDriver(Stage stage, StageContext context) {
        if (!local(out)) {
            throw new UserException("stage " + stage.name() + " runs on the driver over local files: give a local spark.out_dir, "
                    + "or leave " + stage.name() + " out of the stages");
        }
        return stage.run(context);
    }

    private static boolean local(String location) {
        String scheme = new org.apache.hadoop.fs.Path(location).toUri().getScheme();
        return scheme == null || scheme.equals("file");
    }

    /** A local location's path ({@code file:/x} is {@code /x}). */
    private static String localPath(String location) {
        return new org.apache.hadoop.fs.Path(location).toUri().getPath();
    }

    JavaSparkContext sc() {
        return sc;
    }

    ShippedConfig shipped() {
        return shipped;
    }

    TaskHook hook() {
        return hook;
    }

    /** The prompts, keyed and ordered for sample: what a retry of failed rows reads too. */
    JavaRDD<Datasets.Keyed> promptsByKey() {
        return byKey(keyed(prompts(), 0, null));
    }
}
