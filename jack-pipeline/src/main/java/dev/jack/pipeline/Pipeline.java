package dev.jack.pipeline;

import dev.jack.core.OptionException;
import dev.jack.core.UserException;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.OutputLock;
import dev.jack.core.data.OutputPaths;
import dev.jack.core.json.Json;
import dev.jack.pipeline.RunConfig.Step;
import dev.jack.pipeline.config.ConfigException;
import dev.jack.pipeline.stage.AblateStage;
import dev.jack.pipeline.stage.CritiquesStage;
import dev.jack.pipeline.stage.EditStage;
import dev.jack.pipeline.stage.GuardStage;
import dev.jack.pipeline.stage.MctsStage;
import dev.jack.pipeline.stage.ReportStage;
import dev.jack.pipeline.stage.RsStage;
import dev.jack.pipeline.stage.SampleStage;
import dev.jack.pipeline.stage.ScoreStage;
import dev.jack.pipeline.stage.SynthStage;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code jack run}: the stages a {@link RunConfig} selects, in order, in this process, with the run's file layout in
 * its out dir: {@code prompts.jsonl} (unless the config gives prompts), {@code samples.jsonl}, {@code scored.jsonl},
 * {@code pairs-rs.jsonl}, {@code pairs-edit.jsonl}, {@code pairs-mcts.jsonl}, {@code ablations/}, {@code report.html}; with
 * the judge stages, {@code prompts-screened.jsonl} (which every later stage reads instead of the prompts),
 * {@code pairs-rs-screened.jsonl}, {@code pairs-edit-screened.jsonl} and {@code pairs-mcts-screened.jsonl},
 * {@code critiques.jsonl} (and {@code critiques-joint/}); each stage adds the files
 * it derives from those ({@code .stats.json}, journals), and {@code .jack-run/STAGE.json} records its
 * {@link Fingerprint}. A stage whose fingerprint matches a finished run is skipped; one that differs starts afresh
 * (its old outputs set aside until the new ones are complete); an unfinished one with the same fingerprint resumes
 * (sample and mcts keep journals).
 */
public final class Pipeline {
    private final RunConfig config;

    public Pipeline(RunConfig config) {
        this.config = config;
    }

    /** The selected stages in the order they run. */
    public List<Stage> stages() {
        Path dir = config.outDir();
        Path given = config.prompts() != null ? config.prompts() : dir.resolve("prompts.jsonl");
        Path prompts = config.steps().contains(Step.GUARD_PROMPTS) ? dir.resolve("prompts-screened.jsonl") : given;
        Path samples = dir.resolve("samples.jsonl");
        Path scored = dir.resolve("scored.jsonl");
        Path rsPairs = dir.resolve("pairs-rs.jsonl");
        Path editPairs = dir.resolve("pairs-edit.jsonl");
        Path mctsPairs = dir.resolve("pairs-mcts.jsonl");
        List<Stage> stages = new ArrayList<>();
        for (Step step : config.steps()) {
            stages.add(switch (step) {
                case SYNTH -> new SynthStage(given, null, null, config.synth(), config.synthThreads());
                case GUARD_PROMPTS -> new GuardStage("guard-prompts", List.of(given), List.of(prompts), config.guard().withResponseFields(List.of()), config.guardModel());
                case SAMPLE -> new SampleStage(prompts, samples, config.sample(), config.model());
                case SCORE -> new ScoreStage(prompts, samples, scored, config.score());
                case RS -> new RsStage(scored, rsPairs, config.rs(), config.rs().qualityFloor() == null ? null : config.judge());
                case EDIT -> new EditStage(prompts, scored, editPairs, config.edit());
                case MCTS -> new MctsStage(prompts, mctsPairs, config.mcts(), config.model(), config.parallelPrompts());
                case GUARD_PAIRS -> new GuardStage("guard-pairs", curated(rsPairs, editPairs, mctsPairs),
                        curated(screened(rsPairs), screened(editPairs), screened(mctsPairs)), config.guard(), config.guardModel());
                case CRITIQUES -> new CritiquesStage(config.steps().contains(Step.GUARD_PAIRS)
                        ? curated(screened(rsPairs), screened(editPairs), screened(mctsPairs)) : curated(rsPairs, editPairs, mctsPairs), dir.resolve("critiques.jsonl"), config.critiquesJoint() ? dir.resolve("critiques-joint") : null,
                        config.critiques(), config.judge());
                case ABLATE -> new AblateStage(scored, config.steps().contains(Step.MCTS) ? mctsPairs : null, prompts, dir.resolve("ablations"),
                        config.ablate());
                case REPORT -> {
                    List<Path> pairs = new ArrayList<>();
                    if (config.steps().contains(Step.RS)) pairs.add(rsPairs);
                    if (config.steps().contains(Step.EDIT)) pairs.add(editPairs);
                    if (config.steps().contains(Step.MCTS)) pairs.add(mctsPairs);
                    yield new ReportStage(pairs, config.steps().contains(Step.SCORE) ? scored : null, prompts,
                            config.steps().contains(Step.ABLATE) ? dir.resolve("ablations").resolve("ablations.json") : null, dir.resolve("report.html"),
                            config.report());
                }
            });
        }
        return stages;
    }

    /** The pairs files of the curation stages that run, in their order: rs's, edit's, mcts's. */
    private List<Path> curated(Path rs, Path edit, Path mcts) {
        List<Path> files = new ArrayList<>();
        if (config.steps().contains(Step.RS)) files.add(rs);
        if (config.steps().contains(Step.EDIT)) files.add(edit);
        if (config.steps().contains(Step.MCTS)) files.add(mcts);
        return files;
    }

    /**
     * The paths of the stages together, before anything runs (each stage's own are checked by
     * {@link StageGuard#checkPaths}): no stage may write the config file, a file that an earlier stage reads (a file
     * the run was given, lost once written over, or one that a later stage would write over on every run, so that the
     * earlier one never counts as done), a file that another stage writes, or a folder that holds an earlier stage's
     * input. A stage reading what an earlier one wrote is the run's chain.
     *
     * @param configFile the run's config file, or null
     * @throws UserException naming the stage, the path and the stage it clashes with; nothing has been written
     */
    public static void checkAcross(List<Stage> stages, Path configFile) {
        for (int j = 0; j < stages.size(); j++) {
            Stage stage = stages.get(j);
            String at = "stage " + stage.name() + ": ";
            for (Path out : stage.outputs()) {
                boolean folder = stage.outputFolders().contains(out);
                if (configFile != null && (folder ? OutputPaths.isInside(configFile, out) : OutputPaths.same(configFile, out))) {
                    throw new UserException(at + out + ": would write over the run's config file " + configFile + "; give the stage another path (nothing was written)");
                }
                for (int i = 0; i < j; i++) {
                    Stage earlier = stages.get(i);
                    for (Path in : earlier.inputs()) {
                        if (folder ? OutputPaths.isInside(in, out) : OutputPaths.same(in, out)) {
                            throw new UserException(at + out + ": would write over " + in + ", an input of stage " + earlier.name()
                                    + ", which runs before it; give one of them another path (nothing was written)");
                        }
                    }
                    for (Path written : earlier.outputs()) {
                        if (OutputPaths.same(written, out)) {
                            throw new UserException(at + out + ": is written by stage " + earlier.name() + " too; give each its own path (nothing was written)");
                        }
                    }
                }
            }
        }
    }

    private static Path screened(Path pairs) {
        return Inputs.replaceJsonl(pairs, "-screened.jsonl");
    }

    /**
     * Runs the stages, printing one line per stage (skipped, or why it runs) before its own output. Every stage's paths
     * are checked before the first one runs ({@link StageGuard#checkPaths}), the out dir is locked against a second
     * {@code jack run} and each stage's outputs against any other command while it runs. A stage that must start
     * afresh has its old outputs set aside in {@code .jack-run/previous/STAGE/}, not deleted: they are put back if the
     * stage fails (a bad input, an unreachable server), and removed only once the new ones are complete.
     *
     * @param force run every stage again
     * @return {@link Stage.Status#INCOMPLETE} when a stage left work to retry (later stages did not run)
     * @throws UserException naming the stage; an option's problem names its place in the config file
     */
    public Stage.Status run(StageContext context, boolean force) {
        PrintWriter console = context.out();
        Map<Path, Fingerprint.Input> hashes = new HashMap<>();
        List<Stage> stages = stages();
        List<Step> steps = List.copyOf(config.steps());
        for (int i = 0; i < stages.size(); i++) {
            try {
                StageGuard.checkPaths(stages.get(i));
            } catch (UserException e) {
                throw new UserException("stage " + stages.get(i).name() + ": " + e.getMessage());
            }
        }
        checkAcross(stages, config.file());
        try (OutputLock runLock = OutputLock.acquire(List.of(config.outDir().resolve(".jack-run")))) {
            for (int i = 0; i < stages.size(); i++) {
                Stage stage = stages.get(i);
                Path marker = config.outDir().resolve(".jack-run").resolve(stage.name() + ".json");
                Map<?, ?> previous = readMarker(marker);
                Fingerprint fingerprint = Fingerprint.of(stage, JackVersion.get(), hashes);
                boolean same = previous != null && fingerprint.digest().equals(previous.get("fingerprint"));
                boolean finished = same && Boolean.TRUE.equals(previous.get("done"));
                if (finished && !force) {
                    console.println("stage " + stage.name() + ": done before, skipped");
                    continue;
                }
                String why = force ? "--force" : previous == null ? "first run" : same ? "resuming where it stopped" : fingerprint.differenceFrom(previous);
                console.println("stage " + stage.name() + ": running (" + why + ")");
                console.flush();
                Stage.Status status;
                try (OutputLock lock = StageGuard.lock(stage)) {
                    Path setAside = !same || force ? setAside(stage, marker) : null;
                    AtomicFiles.write(marker, fingerprint.marker(false));
                    try {
                        status = stage.run(context);
                    } catch (RuntimeException | Error e) {
                        if (setAside != null) putBack(stage, marker, setAside);
                        throw e;
                    }
                    // The inputs as they were when the stage started: a stage never changes its own inputs.
                    if (status == Stage.Status.DONE) {
                        AtomicFiles.write(marker, fingerprint.marker(true));
                        removeTree(previousDir(stage));
                    }
                } catch (OptionException e) {
                    throw new ConfigException(config.where(steps.get(i), e.key()) + ": " + e.detail());
                } catch (UserException e) {
                    throw new UserException("stage " + stage.name() + ": " + e.getMessage() + " (fix that and rerun: finished stages are skipped)", e);
                }
                if (status == Stage.Status.INCOMPLETE) {
                    context.note("stage " + stage.name() + " did not finish; rerun to retry what failed (finished stages are skipped)");
                    return status;
                }
            }
        }
        console.println("run finished in " + config.outDir() + (config.steps().contains(Step.REPORT) ? "; open " + config.outDir().resolve("report.html") : ""));
        return Stage.Status.DONE;
    }

    private static Map<?, ?> readMarker(Path marker) {
        if (!Files.exists(marker)) return null;
        try {
            return Json.parse(Files.readString(marker)) instanceof Map<?, ?> m ? m : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Where a stage's last finished outputs wait while it starts afresh. */
    private Path previousDir(Stage stage) {
        return config.outDir().resolve(".jack-run").resolve("previous").resolve(stage.name());
    }

    /**
     * Moves a stage's outputs and marker into {@link #previousDir} so that it starts afresh; returns that folder. If
     * it already holds outputs (a fresh start that did not finish), they are the last finished ones and stay: what
     * that unfinished start wrote is removed instead.
     */
    private Path setAside(Stage stage, Path marker) {
        Path dir = previousDir(stage);
        try {
            if (Files.exists(dir)) {
                for (Path p : stage.outputs()) removeTree(p);
                return dir;
            }
            Files.createDirectories(dir);
            List<Path> outputs = stage.outputs();
            for (int i = 0; i < outputs.size(); i++) {
                if (Files.exists(outputs.get(i))) Files.move(outputs.get(i), dir.resolve(i + "-" + outputs.get(i).getFileName()));
            }
            if (Files.exists(marker)) Files.move(marker, dir.resolve("marker.json"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set aside the " + stage.name() + " stage's old outputs: " + e.getMessage(), e);
        }
    }

    /** After a failed fresh start: removes what it wrote and puts the set-aside outputs and marker back. */
    private static void putBack(Stage stage, Path marker, Path dir) {
        try {
            List<Path> outputs = stage.outputs();
            for (int i = 0; i < outputs.size(); i++) {
                Path kept = dir.resolve(i + "-" + outputs.get(i).getFileName());
                if (Files.exists(kept)) {
                    removeTree(outputs.get(i));
                    Files.move(kept, outputs.get(i));
                }
            }
            Path keptMarker = dir.resolve("marker.json");
            if (Files.exists(keptMarker)) Files.move(keptMarker, marker, StandardCopyOption.REPLACE_EXISTING);
            else Files.deleteIfExists(marker);
            removeTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put back the " + stage.name() + " stage's old outputs (they are in " + dir + "): " + e.getMessage(), e);
        }
    }

    /** Removes a file or a folder with all it holds (nothing when it does not exist). */
    private static void removeTree(Path p) {
        if (!Files.exists(p)) return;
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + p + ": " + e.getMessage(), e);
        }
    }
}
