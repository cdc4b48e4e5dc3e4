package dev.jack.pipeline;

/**
 * Runs {@code jack run}'s pipeline on a cluster engine instead of in this process: {@code jack run --spark MASTER}
 * finds the implementation with {@link java.util.ServiceLoader} (jack-spark provides one), so that the command line
 * does not depend on the engine: without the engine's module on the class path, {@code --spark} says how to get it.
 */
public interface ClusterRunner {
    /** The engine's name, as the flag that chooses it ({@code spark}). */
    String engine();

    /**
     * Runs the stages the config selects, skipping those finished with the same settings.
     *
     * @param config the run's config file ({@link RunConfig})
     * @param outDir overrides the config's out_dir and its spark section's (null: none)
     * @param master where the engine runs ({@code local[2]}, {@code spark://host:7077}, {@code yarn}, ...)
     * @param force  run every stage again
     * @return {@link Stage.Status#INCOMPLETE} when a stage left work to retry
     * @throws dev.jack.core.UserException for bad input, naming what to fix
     */
    Stage.Status run(java.nio.file.Path config, java.nio.file.Path outDir, String master, StageContext context, boolean force);
}
