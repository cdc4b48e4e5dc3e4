package dev.jack.core.ifeval;

import dev.jack.core.Parallel;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.FileSet;
import dev.jack.core.json.AsciiJson;
import dev.jack.core.json.PyJson;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The verdicts for a whole prompt set, its accuracies, and the output files of IFEval's and IFBench's
 * reference scorers ({@code eval_results_strict.jsonl}, {@code eval_results_loose.jsonl}; the same fields),
 * plus Jack's {@code summary.json}.
 *
 * <p>The accuracies, per-constraint counts and checker errors are added up once ({@link Tally}): by {@link #write(List,
 * Function, Verifier, Path)} chunk by chunk as the rows are checked, on every core, rather than in passes over all rows
 * afterwards. Those passes ran on one thread at the end of {@code jack eval}, mostly in the interpreter (a loop run once
 * is not compiled): 54,100 rows, about 3% of the command's CPU samples and 0.2 s of its wall time.
 */
public final class Evaluation {
    private final List<Row> rows;
    private final Tally tally;

    /** The rows, in prompt order, and their verdicts added up. */
    private Evaluation(List<Row> rows, Tally tally) {
        this.rows = rows;
        this.tally = tally;
    }

    /** The evaluation of these rows (their verdicts added up here). */
    public static Evaluation of(List<Row> rows) {
        Tally tally = new Tally();
        for (Row r : rows) tally.add(r);
        return new Evaluation(List.copyOf(rows), tally);
    }

    /** The evaluated rows, in prompt order. */
    public List<Row> rows() {
        return rows;
    }

    /** One evaluated prompt. */
    public record Row(IfevalPrompt prompt, String response, Verdicts verdicts) {}

    /** correct / total, with the accuracy as a fraction. */
    public record Accuracy(int correct, int total) {
        public double value() {
            return total == 0 ? 0 : (double) correct / total;
        }

        /** {@code {"accuracy": ..., "correct": ..., "total": ...}}, as summary.json writes it. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("accuracy", value());
            m.put("correct", correct);
            m.put("total", total);
            return m;
        }

        @Override
        public String toString() {
            return String.format("%.6f (%d/%d)", value(), correct, total);
        }
    }

    /**
     * Verifies every prompt's response, matched as IFEval's scorer matches them; rows are independent,
     * so they are checked in parallel. The in-memory form, for library callers that want the verdicts (and maybe
     * {@link #write(Path)} later); {@code jack eval} verifies and writes in one pass with
     * {@link #write(List, Function, Verifier, Path)}.
     *
     * @throws dev.jack.core.data.DataFileException naming the key of a prompt without a response
     */
    public static Evaluation run(List<IfevalPrompt> prompts, ResponseFile responses, Verifier verifier) {
        return run(prompts, responses::require, verifier);
    }

    /**
     * Verifies every prompt's response as {@code responseFor} finds it; rows are checked in parallel (the in-memory
     * form, as {@link #run(List, ResponseFile, Verifier)}). {@code responseFor} is called from several threads at once,
     * so it must be thread-safe and free of side effects; for a prompt without a response it throws, and it may then
     * be called a second time for that prompt (see {@link #write(List, Function, Verifier, Path)}).
     */
    public static Evaluation run(List<IfevalPrompt> prompts, Function<IfevalPrompt, String> responseFor, Verifier verifier) {
        Row[] rows = new Row[prompts.size()];
        IntConsumer check = checker(prompts, responseFor, verifier, rows);
        IntStream.range(0, prompts.size()).parallel().forEach(check);
        return of(List.of(rows));
    }

    /**
     * {@link #run} and {@link #write} at once: chunks of rows are verified on every core and their lines written in
     * order while later chunks are verified (no pass over all rows between checking and writing); summary.json last.
     * {@code responseFor} is called from several threads at once (thread-safe, no side effects); once a lookup has
     * thrown, the prompts not yet looked up are looked up again in prompt order and the first one without a response
     * gives the error, so that the error is the same whatever the threads did.
     *
     * @throws dev.jack.core.data.DataFileException naming the key of a prompt without a response, before anything is
     *     written
     * @throws UncheckedIOException when a file cannot be written (the folder's earlier files are then left as they were)
     */
    public static Evaluation write(List<IfevalPrompt> prompts, Function<IfevalPrompt, String> responseFor, Verifier verifier, Path dir) {
        Row[] rows = new Row[prompts.size()];
        IntConsumer check = checker(prompts, responseFor, verifier, rows);
        return write(dir, rows.length, i -> {
            check.accept(i);
            return rows[i];
        }, tally -> new Evaluation(List.of(rows), tally));
    }

    /**
     * Sets {@code rows[i]} to prompt i's verdicts. Every response is found first, so that a prompt without one is
     * reported before any check runs: on every core (54,100 rows matched by prompt text, hashing and comparing each
     * prompt, took 0.1 s on one), then the first prompt without one is asked for again, in order, for its error. Once a
     * lookup has failed the other threads stop looking (a wrong responses file would otherwise make an exception, with
     * its stack trace, for every prompt).
     */
    private static IntConsumer checker(List<IfevalPrompt> prompts, Function<IfevalPrompt, String> responseFor, Verifier verifier, Row[] rows) {
        verifier.prepareForPrompts(prompts);
        String[] answers = new String[prompts.size()];
        AtomicBoolean missing = new AtomicBoolean();
        IntStream.range(0, answers.length).parallel().forEach(i -> {
            if (missing.get()) return;
            try {
                answers[i] = responseFor.apply(prompts.get(i));
            } catch (RuntimeException e) {
                missing.set(true);  // the prompts still without an answer are asked for below, in prompt order
            }
        });
        for (int i = 0; i < answers.length; i++) if (answers[i] == null) answers[i] = responseFor.apply(prompts.get(i));
        return i -> {
            IfevalPrompt p = prompts.get(i);
            rows[i] = new Row(p, answers[i], verifier.verify(p.constraints(), answers[i]));
        };
    }

    /**
     * What summary.json and the report lines are made of, added up row by row in prompt order: the prompts whose every
     * verdict passed, the verdicts that passed, per constraint id (strict and loose), and the checker errors.
     */
    private static final class Tally {
        private int prompts;
        private int promptsStrict;
        private int promptsLoose;
        private int instructions;
        private int instructionsStrict;
        private int instructionsLoose;
        /** Per constraint id: total, strict passes, loose passes. */
        private final Map<String, int[]> byId = new HashMap<>();
        /** {@code prompt key K: ID: error}, in prompt order. */
        private final List<String> errors = new ArrayList<>();

        void add(Row r) {
            List<String> ids = r.prompt.instructionIds();
            List<Boolean> strict = r.verdicts.strict();
            List<Boolean> loose = r.verdicts.loose();
            for (int i = 0; i < ids.size(); i++) {
                int[] c = byId.computeIfAbsent(ids.get(i), k -> new int[3]);
                c[0]++;
                if (strict.get(i)) c[1]++;
                if (loose.get(i)) c[2]++;
            }
            int passedStrict = passed(strict);
            int passedLoose = passed(loose);
            prompts++;
            if (passedStrict == strict.size()) promptsStrict++;
            if (passedLoose == loose.size()) promptsLoose++;
            instructions += strict.size();
            instructionsStrict += passedStrict;
            instructionsLoose += passedLoose;
            for (String e : r.verdicts.errors()) errors.add("prompt key " + r.prompt.key() + ": " + e);
        }

        /** How many verdicts are true (by index: C1, eval's JIT, allocates the iterator of a for-each loop). */
        private static int passed(List<Boolean> verdicts) {
            int n = 0;
            for (int i = 0; i < verdicts.size(); i++) if (verdicts.get(i)) n++;
            return n;
        }

        /** Adds the rows another tally added up, which come after this one's. */
        void add(Tally later) {
            prompts += later.prompts;
            promptsStrict += later.promptsStrict;
            promptsLoose += later.promptsLoose;
            instructions += later.instructions;
            instructionsStrict += later.instructionsStrict;
            instructionsLoose += later.instructionsLoose;
            later.byId.forEach((id, c) -> {
                int[] sum = byId.computeIfAbsent(id, k -> new int[3]);
                for (int k = 0; k < 3; k++) sum[k] += c[k];
            });
            errors.addAll(later.errors);
        }
    }

    public Accuracy promptLevel(boolean loose) {
        return new Accuracy(loose ? tally.promptsLoose : tally.promptsStrict, tally.prompts);
    }

    public Accuracy instructionLevel(boolean loose) {
        return new Accuracy(loose ? tally.instructionsLoose : tally.instructionsStrict, tally.instructions);
    }

    /**
     * The reference's output line: its fields in sorted order, written like Python's json.dumps (the head holds the
     * verdicts, the tail the rest; see {@link #write}).
     */
    public static String outputLine(Row row, boolean loose) {
        AsciiJson b = new AsciiJson(1024);
        appendHead(b, loose ? row.verdicts.loose() : row.verdicts.strict());
        appendTail(b, row);
        return b.toString();
    }

    /** {@code {"follow_all_instructions": ..., "follow_instruction_list": [...], }}: what differs between the two files. */
    private static void appendHead(AsciiJson b, List<Boolean> follows) {
        b.raw("{\"follow_all_instructions\": ").bool(!follows.contains(false)).raw(", \"follow_instruction_list\": ").list(follows, b::bool).raw(", ");
    }

    /** {@code "instruction_id_list": [...], "prompt": "...", "response": "..."}}: the same in both files. */
    private static void appendTail(AsciiJson b, Row row) {
        b.raw("\"instruction_id_list\": ").list(row.prompt.instructionIds(), b::string);
        b.raw(", \"prompt\": ").string(row.prompt.prompt());
        b.raw(", \"response\": ").string(row.response).raw("}");
    }

    /** The files {@link #write} writes into its folder. */
    public static final List<String> FILES = List.of("eval_results_strict.jsonl", "eval_results_loose.jsonl", "summary.json");

    /** Rows per chunk formatted on the common pool, and chunks formatted ahead of the writer. */
    private static final int CHUNK = 256;
    private static final int AHEAD = 4;

    /**
     * Writes eval_results_strict.jsonl, eval_results_loose.jsonl and summary.json into the directory, as one set
     * ({@link FileSet}). Chunks of rows are formatted in parallel and streamed in order into both files; a row's
     * prompt and response, most of each line, are escaped once for both, straight into bytes ({@link AsciiJson}).
     */
    public void write(Path dir) {
        write(dir, rows.size(), rows::get, tally -> this);
    }

    /**
     * Writes the files of {@code count} rows, row i being {@code row.apply(i)} (called on any thread, once, in no set
     * order), and then summary.json of what {@code done} gives for the rows' tally once every row was made; returns that.
     */
    private static Evaluation write(Path dir, int count, IntFunction<Row> row, Function<Tally, Evaluation> done) {
        Tally tally = new Tally();
        try (FileSet set = new FileSet()) {
            Path strictFile = set.stage(dir.resolve(FILES.get(0)));
            Path looseFile = set.stage(dir.resolve(FILES.get(1)));
            try (OutputStream strict = Files.newOutputStream(strictFile); OutputStream loose = Files.newOutputStream(looseFile)) {
                // A chunk's two buffers go back to the pool once written: a few pairs, grown to a chunk's size, serve
                // every chunk (new ones for each were hundreds of megabytes for the collector).
                Queue<AsciiJson[]> free = new ConcurrentLinkedQueue<>();
                Parallel.InOrder<Lines> chunks = new Parallel.InOrder<>(AHEAD, lines -> {
                    lines.strict().writeTo(strict);
                    lines.loose().writeTo(loose);
                    tally.add(lines.tally());
                    free.add(new AsciiJson[] {lines.strict(), lines.loose()});
                });
                for (int from = 0; from < count; from += CHUNK) {
                    int start = from;
                    int end = Math.min(count, from + CHUNK);
                    chunks.submit(() -> lines(start, end, row, free.poll()));
                }
                chunks.finish();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + dir.resolve(FILES.get(0)) + ": " + e.getMessage(), e);
            }
            Evaluation evaluation = done.apply(tally);
            AtomicFiles.write(set.stage(dir.resolve(FILES.get(2))), PyJson.dumps(evaluation.summary()) + "\n");
            set.commit();
            return evaluation;
        }
    }

    /** A chunk of rows' strict and loose lines, and their verdicts added up. */
    private record Lines(AsciiJson strict, AsciiJson loose, Tally tally) {}

    /** Rows {@code [from, to)}'s strict and loose lines, in {@code reuse}'s buffers where given. */
    private static Lines lines(int from, int to, IntFunction<Row> rowAt, AsciiJson[] reuse) {
        Row[] chunk = new Row[to - from];
        for (int i = from; i < to; i++) chunk[i - from] = rowAt.apply(i);
        AsciiJson strict;
        AsciiJson loose;
        if (reuse != null) {
            strict = reuse[0];
            loose = reuse[1];
            strict.clear();
            loose.clear();
        } else {
            // Room for the lines as they mostly are (ASCII text, a few escapes), so that the buffers are seldom copied to grow.
            int room = 0;
            for (Row row : chunk) room += row.prompt.prompt().length() + row.response.length() + 256;
            room += room / 16;
            strict = new AsciiJson(room);
            loose = new AsciiJson(room);
        }
        AsciiJson tail = new AsciiJson(8192);
        Tally tally = new Tally();
        for (Row row : chunk) line(row, strict, loose, tally, tail);
        return new Lines(strict, loose, tally);
    }

    /**
     * Adds the row to the tally and its lines to {@code strict} and {@code loose}, their shared tail made in {@code tail}.
     * <p>
     * {@link #lines}'s loop body, a call per row: {@link #lines} runs once per chunk of 256 rows (212 times for 54,100
     * rows), and C1 compiled it only after 1.1 s of the command's 1.6 s (-XX:+PrintCompilation), interpreting it for
     * 0.41% of its CPU samples (5 async-profiler runs); this method is compiled after a few hundred rows (0.23% left, in
     * the loop that calls it).
     */
    private static void line(Row row, AsciiJson strict, AsciiJson loose, Tally tally, AsciiJson tail) {
        tally.add(row);
        tail.clear();
        appendTail(tail, row);
        tail.raw("\n");
        appendHead(strict, row.verdicts.strict());
        strict.raw(tail);
        appendHead(loose, row.verdicts.loose());
        loose.raw(tail);
    }

    /**
     * The checks that could not run (a checker threw; the constraint counts as not followed), one line each:
     * {@code prompt key K: ID: error}, in prompt order.
     */
    public List<String> checkerErrors() {
        return List.copyOf(tally.errors);
    }

    /** The accuracies, per constraint and category; and {@code checker_errors} when some check could not run. */
    public Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("prompt_level_strict", promptLevel(false).toJson());
        s.put("instruction_level_strict", instructionLevel(false).toJson());
        s.put("prompt_level_loose", promptLevel(true).toJson());
        s.put("instruction_level_loose", instructionLevel(true).toJson());
        s.put("per_constraint", perConstraint(false));
        s.put("per_category", perConstraint(true));
        if (!tally.errors.isEmpty()) s.put("checker_errors", checkerErrors());
        return s;
    }

    /** Accuracy per constraint id (or per category, the part before ':'), sorted by name. */
    private Map<String, Object> perConstraint(boolean byCategory) {
        Map<String, int[]> counts = new TreeMap<>();
        tally.byId.forEach((id, c) -> {
            int[] sum = counts.computeIfAbsent(byCategory ? id.substring(0, Math.max(0, id.indexOf(':'))) : id, k -> new int[3]);
            for (int k = 0; k < 3; k++) sum[k] += c[k];
        });
        Map<String, Object> table = new LinkedHashMap<>();
        counts.forEach((name, c) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("total", c[0]);
            entry.put("strict", new Accuracy(c[1], c[0]).value());
            entry.put("loose", new Accuracy(c[2], c[0]).value());
            table.put(name, entry);
        });
        return table;
    }

    public List<String> reportLines() {
        List<String> lines = new ArrayList<>();
        lines.add("prompt-level strict accuracy:      " + promptLevel(false));
        lines.add("instruction-level strict accuracy: " + instructionLevel(false));
        lines.add("prompt-level loose accuracy:       " + promptLevel(true));
        lines.add("instruction-level loose accuracy:  " + instructionLevel(true));
        return lines;
    }
}
