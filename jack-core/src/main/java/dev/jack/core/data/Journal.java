package dev.jack.core.data;

import dev.jack.core.json.Json;
import dev.jack.core.json.JsonException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only JSONL file that a resumable stage writes as work completes. A process killed at any moment leaves
 * at most one partial last line. Opening a journal only reads it: the stage first checks that every line is one of
 * its rows ({@link #existingLines()}), so that a file that is not its own is refused untouched; the first
 * {@link #append} (or {@link #begin}) then cuts off a partial last line and appends after the complete ones. Appends
 * from many threads are whole lines.
 */
public final class Journal implements AutoCloseable {
    private final Path path;
    private final List<String> existing;
    /** Bytes of complete lines: what stays when appending begins. */
    private final long keep;
    /** A last line that is complete JSON but lost its newline: it is kept, and a newline added before appending. */
    private final boolean addNewline;
    private FileChannel channel;

    private Journal(Path path, List<String> existing, long keep, boolean addNewline) {
        this.path = path;
        this.existing = existing;
        this.keep = keep;
        this.addNewline = addNewline;
    }

    /** How every row of a journal begins: Jack's rows give their key first. */
    static final String ROW_START = "{\"key\": ";

    /**
     * Reads a journal (a missing file is an empty one) without changing it. A last line without its newline is a row
     * cut off by a kill if it begins as every row does (<code>{"key": </code>), or is a complete row if it is complete
     * JSON; anything else means the file is not a journal, and it is refused.
     *
     * @throws DataFileException for such a last line, naming the file and line
     */
    public static Journal open(Path path) {
        try {
            if (!Files.exists(path)) return new Journal(path, List.of(), 0, false);
            byte[] bytes = Files.readAllBytes(path);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') end--;
            List<String> lines = new ArrayList<>(List.of(new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n", -1)));
            lines.removeLast();
            boolean addNewline = false;
            if (end < bytes.length) {
                String tail = new String(bytes, end, bytes.length - end, StandardCharsets.UTF_8);
                if (isJson(tail)) {
                    lines.add(tail);
                    addNewline = true;
                    end = bytes.length;
                } else if (!tail.startsWith(ROW_START)) {
                    throw new DataFileException(path, lines.size() + 1, null,
                            "not a row this command writes (the file is not one of its outputs?); nothing was changed: choose another output path");
                }
            }
            return new Journal(path, List.copyOf(lines), end, addNewline);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean isJson(String text) {
        try {
            Json.parse(text);
            return true;
        } catch (JsonException e) {
            return false;
        }
    }

    /** The complete lines found when the journal was opened (blank lines included, so indexes are line numbers - 1). */
    public List<String> existingLines() {
        return existing;
    }

    public Path path() {
        return path;
    }

    /** Makes the file ready to append to (created if missing, a partial last line cut off); {@link #append} calls it. */
    public synchronized void begin() {
        if (channel != null) return;
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            boolean created = !Files.exists(path);
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            // An output like any other (0644), whatever the umask.
            if (created && Files.getFileStore(path).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
            }
            ch.truncate(keep);
            ch.position(keep);
            if (addNewline) ch.write(ByteBuffer.wrap(new byte[] {'\n'}));
            channel = ch;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    public void append(String line) {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        synchronized (this) {
            begin();
            try {
                while (bytes.hasRemaining()) channel.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
