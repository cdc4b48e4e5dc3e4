package dev.jack.core.data;

import dev.jack.core.json.PyJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * Writes files whole or not at all: a crash mid-write never leaves a truncated file in place. A new file is an
 * ordinary one (0644, rw-r--r--); a replaced file keeps the permissions it had.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void write(Path target, CharSequence content) {
        writeBytes(target, content.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** JSON rows, one per line (Python's json.dumps format), or an empty file. */
    public static void writeJsonl(Path target, List<? extends Map<String, ?>> rows) {
        StringBuilder lines = new StringBuilder();
        for (Map<String, ?> row : rows) lines.append(PyJson.dumps(row)).append('\n');
        write(target, lines);
    }

    public static void writeBytes(Path target, byte[] content) {
        try {
            Path tmp = temporaryFor(target);
            try {
                Files.write(tmp, content);
                moveIntoPlace(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** A new empty temporary file beside the target (its folder is created), for content streamed in before {@link #moveIntoPlace}. */
    public static Path temporaryFor(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    }

    /** Replaces the target with a finished temporary file in one step, with the target's permissions (see the class comment). */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        // Temporary files are private (0600); the result is an ordinary file, or keeps the permissions it had.
        if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
