package dev.jack.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only JSONL file that a resumable stage writes as work completes. A process killed at any moment
 * leaves at most one partial last line; opening the journal again cuts it off and gives back the complete
 * lines, so the stage redoes only what is missing. Appends from many threads are whole lines.
 */
public final class Journal implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final List<String> existing;

    private Journal(Path path, FileChannel channel, List<String> existing) {
        this.path = path;
        this.channel = channel;
        this.existing = existing;
    }

    public static Journal open(Path path) {
        try {
            List<String> lines = new ArrayList<>();
            if (Files.exists(path)) {
                byte[] bytes = Files.readAllBytes(path);
                int end = bytes.length;
                while (end > 0 && bytes[end - 1] != '\n') end--;
                if (end < bytes.length) {
                    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                        ch.truncate(end);
                    }
                }
                for (String l : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n", -1)) lines.add(l);
                lines.removeLast();
            } else {
                Path dir = path.toAbsolutePath().getParent();
                if (dir != null) Files.createDirectories(dir);
            }
            boolean created = !Files.exists(path);
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            // An output like any other (0644), whatever the umask.
            if (created && Files.getFileStore(path).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            return new Journal(path, channel, List.copyOf(lines));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    /** The complete lines found when the journal was opened (blank lines included, so indexes are line numbers - 1). */
    public List<String> existingLines() {
        return existing;
    }

    public Path path() {
        return path;
    }

    public void append(String line) {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        synchronized (channel) {
            try {
                while (bytes.hasRemaining()) channel.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
