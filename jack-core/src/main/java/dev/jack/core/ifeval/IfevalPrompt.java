package dev.jack.core.ifeval;

import dev.jack.core.Parallel;
import dev.jack.core.Sha256;
import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintRegistry;
import dev.jack.core.constraint.ParameterException;
import dev.jack.core.constraint.UnknownConstraintException;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.json.PyJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One row of IFEval's input format: key, prompt, instruction ids and their kwargs, parsed into constraints
 * of any registered catalog (IFEval's, IFBench's, IFEvalG's, a user's). IFBench's prompt file is in this
 * format too, its keys written as strings of digits.
 */
public record IfevalPrompt(long key, String prompt, List<String> instructionIds, List<Constraint> constraints) {

    /**
     * Every prompt of a file, in file order.
     *
     * @throws DataFileException naming the file, line and field for malformed rows, unknown ids and bad kwargs, a key
     *                           given twice, or a file without prompts
     */
    public static List<IfevalPrompt> readAll(Path file) {
        List<IfevalPrompt> prompts = new ArrayList<>();
        forEach(file, prompts::add);
        return prompts;
    }

    /**
     * Hands every prompt of a file to {@code consumer} in file order, as each is made (on the calling thread), up to
     * the first bad row: a caller can start on the first prompts while the rest are read.
     *
     * @throws DataFileException as {@link #readAll} does, once the whole file was read: the first error in file order
     *                           (the prompts before it were handed over, none after it)
     */
    public static void forEach(Path file, Consumer<IfevalPrompt> consumer) {
        Map<Made.Lists, Made.Constraints> made = new ConcurrentHashMap<>();
        // The rows' constraints are made on every core, a chunk of rows at a time, while the file is still read (tens
        // of thousands of prompts take a second on one core); each chunk's parsed rows go once its prompts are kept, so
        // the collector does not copy a whole file's JSON trees. The first error in file order is the one reported,
        // as when they are made one by one.
        Handover handover = new Handover(consumer);
        Parallel.InOrder<Chunk> chunks = new Parallel.InOrder<>(4, handover::take);
        List<JsonlReader.Row> rows = new ArrayList<>(CHUNK);
        // A malformed line stops the reading; the rows before it are checked first, so that an earlier bad row is
        // still the one reported.
        DataFileException unreadable = null;
        try {
            JsonlReader.forEach(file, row -> {
                rows.add(row);
                if (rows.size() == CHUNK) submit(chunks, rows, made, false);
            });
        } catch (DataFileException e) {
            unreadable = e;
        }
        submit(chunks, rows, made, true);
        if (handover.firstError != null) throw handover.firstError;
        if (unreadable != null) throw unreadable;
        if (!handover.any) throw new DataFileException(file, "no prompts");
    }

    /**
     * {@link #forEach}'s side on the calling thread: hands the chunks' prompts over in file order up to the first error
     * (a bad row or a key given twice), which it keeps.
     * <p>
     * A call per row, not a loop over the chunk: the chunks' consumer runs once per chunk (106 times for 54,100 rows),
     * too few calls and loop turns for C1's thresholds, so it stayed interpreted to the end (-XX:+PrintCompilation;
     * 0.63% of the 54,100-row eval's CPU samples, 5 async-profiler runs); the per-row method is compiled after a few
     * hundred rows (0.25% left, in the loop that calls it). {@link #submit}'s chunks call {@link #promptOrError} per row
     * for the same reason (0.20% to 0.12%).
     */
    private static final class Handover {
        private final Consumer<IfevalPrompt> consumer;
        private final Map<Long, Long> lineOf = new HashMap<>();
        RuntimeException firstError;
        /** Whether a prompt was handed over. */
        boolean any;

        Handover(Consumer<IfevalPrompt> consumer) {
            this.consumer = consumer;
        }

        /** Hands the chunk's prompts over, in order, until a row makes the first error. */
        void take(Chunk chunk) {
            for (int i = 0; i < chunk.rows().size() && firstError == null; i++) take(chunk.rows().get(i), chunk.made()[i]);
        }

        /** Hands the row's prompt over, or keeps its error: what making it threw, or its key given before. */
        private void take(JsonlReader.Row row, Object made) {
            if (made instanceof RuntimeException e) {
                firstError = e;
            } else if (made instanceof IfevalPrompt p) {
                Long first = lineOf.putIfAbsent(p.key(), row.line());
                if (first != null) {
                    firstError = row.error("key", "duplicate key " + p.key() + " (first on line " + first + ")");
                } else {
                    any = true;
                    consumer.accept(p);
                }
            }
        }
    }

    /** Rows per chunk of {@link #forEach}'s parallel work. */
    private static final int CHUNK = 512;

    /** A chunk's rows and, for each, its prompt or the RuntimeException that making it threw. */
    private record Chunk(List<JsonlReader.Row> rows, Object[] made) {
    }

    /**
     * Queues the rows' prompts to be made, their constraints taken from {@code made} where an earlier row had the same
     * lists (the rows list is then cleared for the next chunk); the last call finishes.
     */
    private static void submit(Parallel.InOrder<Chunk> chunks, List<JsonlReader.Row> rows, Map<Made.Lists, Made.Constraints> made, boolean last) {
        List<JsonlReader.Row> chunk = List.copyOf(rows);
        rows.clear();
        try {
            if (!chunk.isEmpty()) {
                chunks.submit(() -> {
                    Object[] out = new Object[chunk.size()];
                    for (int i = 0; i < out.length; i++) out[i] = promptOrError(chunk.get(i), made);
                    return new Chunk(chunk, out);
                });
            }
            if (last) chunks.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // the sink writes nothing: not reached
        }
    }

    /** The row's prompt ({@link #fromRow(JsonlReader.Row, Map)}), or the RuntimeException that making it threw. */
    private static Object promptOrError(JsonlReader.Row row, Map<Made.Lists, Made.Constraints> made) {
        try {
            return fromRow(row, made);
        } catch (RuntimeException e) {
            return e;
        }
    }

    /**
     * SHA-256 (hex) of what a result for this prompt is computed from: its text, its constraint ids and their
     * parameters. A journal keeps it with each row, so that a resumed run redoes the rows whose prompt changed.
     */
    public String digest() {
        List<Object> content = new ArrayList<>();
        content.add(prompt);
        content.add(instructionIds);
        // Keys sorted: the kwargs maps' own order may differ from one run to the next.
        content.add(constraints.stream().map(c -> new TreeMap<>(c.kwargs())).toList());
        return Sha256.hex(PyJson.dumps(content));
    }

    /**
     * One row's prompt; its key is an integer, or a string holding one (as IFBench writes "0").
     *
     * @throws DataFileException naming the row's file, line and field for a missing field, an unknown constraint or
     *                           bad kwargs
     */
    public static IfevalPrompt fromRow(JsonlReader.Row row) {
        return fromRow(row, null);
    }

    /**
     * {@link #fromRow(JsonlReader.Row)}, the constraints taken from {@code made} (when not null) where it has them
     * (package-private for the tests).
     */
    static IfevalPrompt fromRow(JsonlReader.Row row, Map<Made.Lists, Made.Constraints> made) {
        long key = key(row);
        Made.Lists lists = made == null ? null : new Made.Lists(row.list("instruction_id_list"), row.list("kwargs"));
        Made.Constraints c = lists == null ? null : made.get(lists);
        if (c == null) {
            c = Made.of(row);
            // Chunks run in parallel: where another row made the same lists' constraints first, share those.
            Made.Constraints first = lists == null ? null : made.putIfAbsent(lists, c);
            if (first != null) c = first;
        }
        return new IfevalPrompt(key, row.string("prompt"), c.ids(), c.constraints());
    }

    /**
     * A prompt file's rows mostly repeat a few hundred lists of ids and kwargs (IFEval's 541 prompts: 380 distinct),
     * so {@link #forEach} makes each list's constraints once and shares them: constraints are immutable records of the
     * values their kwargs gave, made the same from the same kwargs. Making them row by row, the kwargs read into fresh
     * maps and sets each time, was a tenth of what {@code jack eval} allocated (54,100 rows: about 45 MB of 490 MB).
     * A row whose lists make an error is never shared: its error names its own line.
     */
    static final class Made {
        private Made() {}

        /** A row's ids and constraints. */
        record Constraints(List<String> ids, List<Constraint> constraints) {}

        /** The row's constraints and their ids, made anew. */
        static Constraints of(JsonlReader.Row row) {
            List<Constraint> constraints = constraints(row);
            String[] ids = new String[constraints.size()];
            for (int i = 0; i < ids.length; i++) ids[i] = constraints.get(i).id();
            return new Constraints(List.of(ids), constraints);
        }

        /**
         * A row's {@code instruction_id_list} and {@code kwargs} as parsed, equal to another's when they hold equal values
         * with each kwargs object's keys in the same order (which {@link Map#equals} ignores), so that a shared constraint
         * is exactly the one its own row would make.
         */
        record Lists(List<?> ids, List<?> kwargs) {
            @Override
            public boolean equals(Object o) {
                return o instanceof Lists other && ids.equals(other.ids) && kwargs.equals(other.kwargs) && sameKeyOrder(kwargs, other.kwargs);
            }

            @Override
            public int hashCode() {
                return 31 * ids.hashCode() + kwargs.hashCode();
            }

            /** Whether each pair of equal objects in these equal lists has its keys in the same order. */
            private static boolean sameKeyOrder(List<?> a, List<?> b) {
                for (int i = 0; i < a.size(); i++) {
                    if (a.get(i) instanceof Map<?, ?> m && m.size() > 1 && b.get(i) instanceof Map<?, ?> n) {
                        Iterator<?> k = n.keySet().iterator();
                        for (Object key : m.keySet()) if (!key.equals(k.next())) return false;
                    }
                }
                return true;
            }
        }
    }

    /**
     * A prompt row's key: an integer, or a string holding one (as IFBench writes "0").
     *
     * @throws DataFileException naming the row's file, line and field when the key is missing or neither
     */
    public static long key(JsonlReader.Row row) {
        return row.fields().get("key") instanceof String s && s.matches("-?[0-9]{1,18}") ? Long.parseLong(s) : row.integer("key");
    }

    /**
     * A row's constraints, from its {@code instruction_id_list} and the parallel {@code kwargs} list (a
     * null entry means no kwargs, as open-instruct writes them).
     *
     * @throws DataFileException naming the row's file, line and field (e.g. {@code kwargs[1].num_words})
     *                           for malformed lists, unknown ids and bad kwargs
     */
    public static List<Constraint> constraints(JsonlReader.Row row) {
        List<?> ids = row.list("instruction_id_list");
        List<?> kwargs = row.list("kwargs");
        if (ids.size() != kwargs.size()) {
            throw row.error("kwargs", "has " + kwargs.size() + " entries but instruction_id_list has " + ids.size());
        }
        List<Constraint> constraints = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            if (!(ids.get(i) instanceof String id)) throw row.error("instruction_id_list[" + i + "]", "must be a string");
            Object raw = kwargs.get(i) == null ? Map.of() : kwargs.get(i);
            if (!(raw instanceof Map<?, ?> map)) throw row.error("kwargs[" + i + "]", "must be an object or null");
            try {
                @SuppressWarnings("unchecked")
                Map<String, ?> args = (Map<String, ?>) map;
                constraints.add(ConstraintRegistry.create(id, args));
            } catch (UnknownConstraintException e) {
                throw row.error("instruction_id_list[" + i + "]", e.getMessage());
            } catch (ParameterException e) {
                throw row.error("kwargs[" + i + "]." + e.field(), e.reason() + " (constraint " + id + ")");
            }
        }
        return List.copyOf(constraints);
    }
}
