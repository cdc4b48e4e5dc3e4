package dev.jack.core.data;

import dev.jack.core.UserException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive locks on the files (and folders) a command writes, so that two processes never write the same output:
 * the second one is refused at once, told which process holds it. Each output {@code DIR/NAME} is locked through
 * {@code DIR/.NAME.lock}, which holds the holder's process id while it runs and is removed when it is done (an
 * operating-system lock, so a killed process holds nothing). Locks are advisory: they bind Jack processes only.
 */
public final class OutputLock implements AutoCloseable {
    private record Held(Path file, FileChannel channel, FileLock lock) {}

    /** The lock files this process holds. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

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
        // POSIX locks belong to the process and go when any descriptor of the file is closed, so this process never
        // opens a lock file it holds: it knows its own locks.
        if (!HELD.add(file)) throw inUse(output, pid);
        try {
            for (int attempt = 0; ; attempt++) {
                // A holder removes its lock file when done: a lock taken on a file no longer at the path (removed
                // between opening and locking) is worth nothing, so the file at the path must stay the one opened.
                Object before = fileKey(file);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                Object opened = fileKey(file);
                FileLock lock = before == null || before.equals(opened) ? channel.tryLock() : null;
                if (lock == null && (before == null || before.equals(opened))) {
                    String holder = readHolder(channel);
                    channel.close();
                    throw inUse(output, holder);
                }
                if (lock != null && opened != null && opened.equals(fileKey(file))) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                    return new Held(file, channel, lock);
                }
                if (lock != null) lock.release();
                channel.close();
                if (attempt == 10) throw new UserException(output + ": its lock file " + file + " keeps changing; rerun");
            }
        } catch (IOException e) {
            HELD.remove(file);
            throw new UncheckedIOException("cannot lock " + output + " (" + file + "): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            HELD.remove(file);
            throw e;
        }
    }

    /** The file's identity (device and inode), or null when there is none at the path. */
    private static Object fileKey(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
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

    /** The process id the holder wrote, read through our own descriptor. */
    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32);
        channel.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
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
            } finally {
                HELD.remove(h.file());
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
