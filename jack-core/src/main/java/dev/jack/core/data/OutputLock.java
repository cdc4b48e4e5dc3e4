package dev.jack.core.data;

import dev.jack.core.UserException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Exclusive locks on the files (and folders) a command writes, so that two processes never write the same output:
 * the second one is refused at once, told which process holds it. Each output {@code DIR/NAME} is locked through
 * {@code DIR/.NAME.lock}, which holds the holder's process id while it runs and is removed when it is done (an
 * operating-system lock, so a killed process holds nothing). Locks are advisory: they bind Jack processes only.
 */
public final class OutputLock implements AutoCloseable {
    private record Held(Path file, FileChannel channel, FileLock lock) {}

    private final List<Held> held;

    private OutputLock(List<Held> held) {
        this.held = held;
    }

    /**
     * Locks every output, or none.
     *
     * @throws UserException when another process (or this one) already holds one, naming the output and the process id
     */
    public static OutputLock acquire(List<Path> outputs) {
        List<Held> held = new ArrayList<>();
        try {
            for (Path out : outputs) held.add(lock(out));
        } catch (RuntimeException e) {
            new OutputLock(held).close();
            throw e;
        }
        return new OutputLock(held);
    }

    /** The lock file of an output. */
    public static Path lockFile(Path output) {
        Path abs = output.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + ".lock");
    }

    private static Held lock(Path output) {
        Path file = lockFile(output);
        String pid = Long.toString(ProcessHandle.current().pid());
        try {
            Files.createDirectories(file.getParent());
            // A holder removes its lock file when done: a process that locked the file just before it was removed
            // holds a lock on a file no longer there, so it checks that the file at the path is the one it wrote.
            for (int attempt = 0; ; attempt++) {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    channel.close();
                    throw inUse(output, pid);
                }
                if (lock == null) {
                    String holder = readHolder(file);
                    channel.close();
                    throw inUse(output, holder);
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                if (pid.equals(readHolder(file)) || attempt == 10) return new Held(file, channel, lock);
                lock.release();
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + output + " (" + file + "): " + e.getMessage(), e);
        }
    }

    private static String readHolder(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "";
        }
    }

    private static UserException inUse(Path output, String holder) {
        String who = holder.isEmpty() ? "another process" : holder.equals(Long.toString(ProcessHandle.current().pid()))
                ? "this process (pid " + holder + ")" : "another process (pid " + holder + ")";
        return new UserException(output + ": is being written by " + who + "; wait for it to finish, or stop it, then rerun");
    }

    /** Releases the locks and removes the lock files. */
    @Override
    public void close() {
        for (Held h : held) {
            try {
                Files.deleteIfExists(h.file());
                h.lock().release();
                h.channel().close();
            } catch (IOException e) {
                // The lock goes with the process at the latest; a lock file left behind is harmless.
            }
        }
    }
}
