package dev.jack.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The launcher's AOT training run: several Jack commands one after another in one JVM, so that one ahead-of-time cache
 * (JDK 25, {@code -XX:AOTCacheOutput}) holds the classes and linked lambdas of every command that runs with the same JVM
 * options (e.g. {@code eval} and {@code synth}). Arguments: commands separated by {@code --}, e.g.
 * {@code eval --responses R --input-data I --output-dir D -- synth --count 100 --out P}. Their output is dropped; the
 * exit code is the first non-zero command's (the launcher then deletes the cache), 0 when all succeed.
 */
public final class AotTraining {
    private AotTraining() {}

    /**
     * Runs each command of {@code args} (split at {@code --}) in turn, output dropped, then exits with the first
     * non-zero exit code, or 0.
     */
    public static void main(String[] args) {
        PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream(), true);
        int status = 0;
        for (String[] command : commands(args)) {
            int code = Main.run(command, quiet, quiet, System.getenv());
            if (status == 0) status = code;
        }
        System.exit(status);
    }

    /** The arguments split at each {@code --} into commands (empty ones dropped). */
    static List<String[]> commands(String[] args) {
        List<String[]> commands = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= args.length; i++) {
            if (i == args.length || args[i].equals("--")) {
                if (i > from) commands.add(Arrays.copyOfRange(args, from, i));
                from = i + 1;
            }
        }
        return commands;
    }
}
