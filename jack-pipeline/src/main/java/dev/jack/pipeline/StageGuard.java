package dev.jack.pipeline;

import dev.jack.core.data.OutputLock;
import dev.jack.core.data.OutputPaths;

import java.nio.file.Path;
import java.util.List;

/**
 * What every stage goes through, run by its command or by {@code jack run}: its paths checked before anything is read
 * ({@link OutputPaths}: above all, no output may be an input), and its outputs locked while it runs
 * ({@link OutputLock}: a second process writing them is refused, told which process holds them).
 */
public final class StageGuard {
    private StageGuard() {}

    /**
     * Checks the stage's inputs and outputs.
     *
     * @throws dev.jack.core.UserException naming the first path that is wrong
     */
    public static void checkPaths(Stage stage) {
        List<Path> folders = stage.outputFolders();
        List<Path> files = stage.outputs().stream().filter(p -> !folders.contains(p)).toList();
        OutputPaths.check(stage.inputs(), files, folders);
    }

    /**
     * Locks the stage's outputs until the lock is closed.
     *
     * @throws dev.jack.core.UserException when another process holds one of them
     */
    public static OutputLock lock(Stage stage) {
        return OutputLock.acquire(stage.outputs());
    }

    /** Checks the paths, locks the outputs, and runs the stage. */
    public static Stage.Status run(Stage stage, StageContext context) {
        checkPaths(stage);
        try (OutputLock lock = lock(stage)) {
            return stage.run(context);
        }
    }
}
