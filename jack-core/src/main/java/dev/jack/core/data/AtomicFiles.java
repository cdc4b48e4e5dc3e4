package dev.jack.core.data;

import dev.jack.core.json.AsciiJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        AsciiJson lines = new AsciiJson(1 << 12);
        for (Map<String, ?> row : rows) lines.value(row).raw("\n");
        writeBytes(target, lines.toBytes());
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

    /**
     * A new empty temporary file beside the target (its folder is created), for content streamed in before
     * {@link #moveIntoPlace}: {@code .NAME.PID.RANDOM.tmp}, so that the temporaries a killed process left behind can
     * be told from those of a process still writing. Those of dead processes are removed first (and an unfinished
     * {@link FileSet} of a dead process in that folder is finished).
     */
    public static Path temporaryFor(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        removeStale(target);
        return Files.createTempFile(dir, "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".", ".tmp");
    }

    /**
     * Finishes the file sets and removes the temporaries that dead processes left beside this target (a kill between
     * creating a temporary and moving it into place); also the temporaries of Jack versions that did not name the
     * process ({@code .NAME123456789.tmp}).
     */
    static void removeStale(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        FileSet.finishStale(dir);
        String name = target.getFileName().toString();
        Pattern ours = Pattern.compile(Pattern.quote("." + name) + "(?:\\.(\\d+)\\.)?\\d+\\.tmp");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith("." + name))) {
            for (Path p : entries) {
                Matcher m = ours.matcher(p.getFileName().toString());
                if (m.matches() && (m.group(1) == null || !alive(m.group(1)))) Files.deleteIfExists(p);
            }
        }
    }

    /** Whether the process with this id (as text) is running. */
    static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
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
