package dev.jack.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Helpers for the file lists stages declare. */
public final class Inputs {
    private Inputs() {}

    /** The four files of an English Punkt model in a punkt_tab folder, or none when no folder is given (Jack's own is used). */
    public static List<Path> punkt(Path punktDir) {
        if (punktDir == null) return List.of();
        Path english = punktDir.resolve("english");
        return List.of(english.resolve("abbrev_types.txt"), english.resolve("collocations.tab"), english.resolve("sent_starters.txt"),
                english.resolve("ortho_context.tab"));
    }

    /** The paths that are given, in order (optional inputs and outputs are null when absent). */
    public static List<Path> of(Object... pathsOrLists) {
        List<Path> out = new ArrayList<>();
        for (Object o : pathsOrLists) {
            switch (o) {
                case null -> { }
                case Path p -> out.add(p);
                case List<?> l -> l.stream().filter(Objects::nonNull).map(Path.class::cast).forEach(out::add);
                default -> throw new IllegalArgumentException(o.getClass().getName());
            }
        }
        return List.copyOf(out);
    }

    /** {@code name.jsonl} becomes {@code name.EXT} beside it (or {@code name.EXT} is appended when there is no {@code .jsonl}). */
    public static Path replaceJsonl(Path jsonl, String extension) {
        String name = jsonl.getFileName().toString();
        return jsonl.resolveSibling((name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name) + extension);
    }
}
