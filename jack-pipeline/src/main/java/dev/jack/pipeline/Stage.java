package dev.jack.pipeline;

import java.nio.file.Path;
import java.util.List;

/**
 * One step of the pipeline: what it reads, what it writes, the typed options that decide what it writes, and how
 * to run it. A command ({@code jack score ...}) builds one stage from its flags and runs it; {@code jack run} builds
 * all of them from a config file and runs them in order, skipping a stage whose {@link Fingerprint} (options,
 * inputs' content, Jack's version) matches the one recorded when it last finished.
 *
 * <p>To add a stage: write a record implementing this interface beside the others in {@code dev.jack.pipeline.stage}
 * (its options as a nested record, closed choices as enums), a thin picocli command for it in jack-cli, and, if it
 * belongs in {@code jack run}, its config section in {@link RunConfig} and its place in {@link Pipeline}.
 */
public interface Stage {
    /** The stage's name in {@code jack run} ({@code synth}, {@code sample}, ...). */
    String name();

    /**
     * What decides the stage's outputs besides its input files: its options record, with the model's identity where it
     * calls one (not how the model is reached: concurrency or timeouts change nothing). A record: its text is part of
     * the fingerprint.
     */
    Record settings();

    /** The files the stage reads, whose content is part of the fingerprint (files that do not exist are ignored). */
    List<Path> inputs();

    /** Everything the stage writes (files and folders), set aside before it starts afresh in {@code jack run}. */
    List<Path> outputs();

    /** The outputs that are folders the stage writes into (the others are files); inputs may not lie inside them. */
    default List<Path> outputFolders() {
        return List.of();
    }

    /**
     * Runs the stage, printing its summary to {@code context.out()}.
     *
     * @return {@link Status#DONE}, or {@link Status#INCOMPLETE} when some work failed and a rerun with the same options
     *     will retry it (what was done is kept)
     * @throws dev.jack.core.UserException and the data file exceptions for input the user can fix
     */
    Status run(StageContext context);

    /** How a run ended. */
    enum Status { DONE, INCOMPLETE }
}
