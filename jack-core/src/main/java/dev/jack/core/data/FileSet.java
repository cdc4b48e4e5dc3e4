package dev.jack.core.data;

import dev.jack.core.json.Json;
import dev.jack.core.json.PyJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files that belong together (eval's results and summary; pairs and their statistics) replaced as a set: each is
 * written to a temporary file beside its target ({@link #stage}), and {@link #commit} moves them all into place.
 * Before the first move, commit writes a manifest ({@code .jack-set.PID.RANDOM.json} beside the first target) naming
 * every move, and removes it after the last; a process killed in between leaves the manifest, and the next write
 * into that folder ({@link AtomicFiles#temporaryFor}) finishes the moves. So readers see the old set or the new one,
 * except for the moment between a kill and the next run, which completes it. Without commit, {@link #close}
 * removes what was staged and nothing changes.
 */
public final class FileSet implements AutoCloseable {
    private static final String MANIFEST_PREFIX = ".jack-set.";

    /** Target → staged temporary, in staging order. */
    private final Map<Path, Path> staged = new LinkedHashMap<>();
    private boolean committed;

    /**
     * A temporary file for the target's new content (created empty): write it with any writer, e.g.
     * {@link AtomicFiles#write}; it replaces the target at {@link #commit}.
     */
    public Path stage(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        if (staged.containsKey(abs)) throw new IllegalArgumentException(target + " is staged twice");
        try {
            Path tmp = AtomicFiles.temporaryFor(abs);
            staged.put(abs, tmp);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Moves every staged file into place, as one set (see the class comment). */
    public void commit() {
        if (staged.isEmpty()) return;
        Path first = staged.keySet().iterator().next();
        try {
            Path manifest = Files.createTempFile(first.getParent(), MANIFEST_PREFIX + ProcessHandle.current().pid() + ".", ".json");
            List<List<String>> moves = new ArrayList<>();
            staged.forEach((target, tmp) -> moves.add(List.of(tmp.toString(), target.toString())));
            AtomicFiles.write(manifest, PyJson.dumps(Map.of("moves", moves)) + "\n");
            for (Map.Entry<Path, Path> e : staged.entrySet()) AtomicFiles.moveIntoPlace(e.getValue(), e.getKey());
            committed = true;
            Files.delete(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + first + " and the files written with it: " + e.getMessage(), e);
        }
    }

    /** Without {@link #commit}: removes the staged files, leaving the targets as they were. */
    @Override
    public void close() {
        if (committed) return;
        for (Path tmp : staged.values()) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // A temporary left behind is removed by the next write beside its target.
            }
        }
    }

    /** Finishes the sets that dead processes began to move into this folder (their manifests are here). */
    static void finishStale(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        List<Path> manifests = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(MANIFEST_PREFIX))) {
            entries.forEach(manifests::add);
        }
        for (Path manifest : manifests) {
            String[] parts = manifest.getFileName().toString().split("\\.");
            // .jack-set.PID.RANDOM.json: parts are "", "jack-set", PID, RANDOM, "json"; a temporary of the manifest itself ends .tmp.
            if (parts.length != 5 || !parts[4].equals("json") || AtomicFiles.alive(parts[2])) continue;
            Object moves;
            try {
                moves = Json.parse(Files.readString(manifest)) instanceof Map<?, ?> m ? m.get("moves") : null;
            } catch (RuntimeException e) {
                moves = null;
            }
            if (moves instanceof List<?> list) {
                for (Object move : list) {
                    if (move instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof String tmp && pair.get(1) instanceof String target
                            && Files.exists(Path.of(tmp))) {
                        AtomicFiles.moveIntoPlace(Path.of(tmp), Path.of(target));
                    }
                }
            }
            Files.deleteIfExists(manifest);
        }
    }
}
