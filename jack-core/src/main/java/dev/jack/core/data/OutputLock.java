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
    /** Folders made to hold the lock files, deepest last: removed on close if nothing was written into them. */
    private final List<Path> madeFolders;

    private OutputLock(List<Held> held, List<Path> madeFolders) {
        this.held = held;
        this.madeFolders = madeFolders;
    }

    /**
     * Locks every output, or none.
     *
     * @throws UserException when another process (or this one) already holds one, naming the output and the process id
     */
    public static OutputLock acquire(List<Path> outputs) {
        List<Held> held = new ArrayList<>();
        List<Path> made = new ArrayList<>();
        try {
            for (Path out : outputs) {
                makeFolders(lockFile(out).getParent(), made);
                held.add(lock(out));
            }
        } catch (RuntimeException e) {
            new OutputLock(held, made).close();
            throw e;
        }
        return new OutputLock(held, made);
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

    /** Creates a folder and those above it that are missing, adding each one made to {@code made}, outermost first. */
    private static void makeFolders(Path dir, List<Path> made) {
        List<Path> missing = new ArrayList<>();
        for (Path d = dir; d != null && !Files.exists(d); d = d.getParent()) missing.addFirst(d);
        try {
            for (Path d : missing) {
                Files.createDirectory(d);
                made.add(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
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

    /** Releases the locks, removes the lock files, and the folders made for them if nothing else went into them. */
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
        for (Path d : madeFolders.reversed()) {
            try {
                Files.deleteIfExists(d);
            } catch (IOException e) {
                // Not empty: the command wrote its outputs there.
            }
        }
    }
}
