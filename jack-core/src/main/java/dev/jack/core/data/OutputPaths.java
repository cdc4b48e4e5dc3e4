package dev.jack.core.data;

import dev.jack.core.UserException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks every command makes on its paths before it reads or writes anything, so that a mistyped path costs
 * nothing: an input that is a folder (other than a dataset Jack wrote on Spark, {@link JsonlReader#isDataset}), an
 * output that is a folder (or a file where a folder is wanted), an output whose folder is a file or is not writable, an
 * output written twice, and above all an output that is one of the inputs (the same file by any name: relative,
 * absolute, through a link) are each refused with one line naming the path.
 */
public final class OutputPaths {
    private OutputPaths() {}

    /**
     * Checks the paths of one command.
     *
     * @param inputs  files the command reads (missing ones are left to the readers, which name them)
     * @param files   files the command writes
     * @param folders folders the command writes into and owns: an input inside one is refused too
     * @throws UserException naming the first path that is wrong and why
     */
    public static void check(List<Path> inputs, List<Path> files, List<Path> folders) {
        for (Path in : inputs) {
            if (Files.isDirectory(in) && !JsonlReader.isDataset(in)) throw new UserException(in + ": is a folder; expected a file");
        }
        List<Path> seen = new ArrayList<>();
        for (Path out : files) {
            if (Files.isDirectory(out)) throw new UserException(out + ": is a folder; give a file path for the output");
            checkWritable(out);
            for (Path in : inputs) {
                if (same(in, out)) throw new UserException(out + ": is both an input and an output; give another output path (nothing was written)");
            }
            for (Path other : seen) if (same(other, out)) throw new UserException(out + ": is given for two outputs; give each its own path");
            seen.add(out);
        }
        for (Path dir : folders) {
            if (Files.exists(dir) && !Files.isDirectory(dir)) throw new UserException(dir + ": is a file; expected a folder for the outputs");
            checkWritable(dir);
            for (Path in : inputs) {
                if (isInside(in, dir)) {
                    throw new UserException(in + ": is inside the output folder " + dir + ", which the command writes; give another output folder");
                }
            }
        }
    }

    /** Whether two paths name the same file: the same path once resolved, or (when both exist) the same file. */
    public static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) return Files.isSameFile(a, b);
        } catch (IOException e) {
            // Compared by path below.
        }
        return canonical(a).equals(canonical(b));
    }

    /** Whether the path lies inside the folder (both resolved as {@link #same} resolves them). */
    public static boolean isInside(Path p, Path folder) {
        return canonical(p).startsWith(canonical(folder));
    }

    /** The path absolute and normalized, its longest existing part resolved through links. */
    static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return abs;
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }

    /** The nearest existing folder above the path must be a folder this process may write in. */
    private static void checkWritable(Path out) {
        Path parent = out.toAbsolutePath().normalize().getParent();
        while (parent != null && !Files.exists(parent)) parent = parent.getParent();
        if (parent == null) return;
        if (!Files.isDirectory(parent)) throw new UserException(out + ": cannot be written, " + parent + " is a file, not a folder");
        if (!Files.isWritable(parent)) throw new UserException(out + ": cannot be written, the folder " + parent + " is not writable");
    }
}
