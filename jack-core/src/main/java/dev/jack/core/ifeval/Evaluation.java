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
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The verdicts for a whole prompt set, its accuracies, and the output files of IFEval's and IFBench's
 * reference scorers ({@code eval_results_strict.jsonl}, {@code eval_results_loose.jsonl}; the same fields),
 * plus Jack's {@code summary.json}.
 */
public record Evaluation(List<Row> rows) {

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
     * form, as {@link #run(List, ResponseFile, Verifier)}).
     */
    public static Evaluation run(List<IfevalPrompt> prompts, Function<IfevalPrompt, String> responseFor, Verifier verifier) {
        Row[] rows = new Row[prompts.size()];
        IntConsumer check = checker(prompts, responseFor, verifier, rows);
        IntStream.range(0, prompts.size()).parallel().forEach(check);
        return new Evaluation(List.of(rows));
    }

    /**
     * {@link #run} and {@link #write} at once: chunks of rows are verified on every core and their lines written in
     * order while later chunks are verified (no pass over all rows between checking and writing); summary.json last.
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
        }, () -> new Evaluation(List.of(rows)));
    }

    /**
     * Sets {@code rows[i]} to prompt i's verdicts. Every response is found first, so that a prompt without one is
     * reported before any check runs.
     */
    private static IntConsumer checker(List<IfevalPrompt> prompts, Function<IfevalPrompt, String> responseFor, Verifier verifier, Row[] rows) {
        verifier.prepareFor(prompts.stream().flatMap(p -> p.constraints().stream()).toList());
        List<String> answers = prompts.stream().map(responseFor).toList();
        return i -> {
            IfevalPrompt p = prompts.get(i);
            rows[i] = new Row(p, answers.get(i), verifier.verify(p.constraints(), answers.get(i)));
        };
    }

    public Accuracy promptLevel(boolean loose) {
        int correct = 0;
        for (Row r : rows) if (loose ? r.verdicts.allLoose() : r.verdicts.allStrict()) correct++;
        return new Accuracy(correct, rows.size());
    }

    public Accuracy instructionLevel(boolean loose) {
        int correct = 0;
        int total = 0;
        for (Row r : rows) {
            List<Boolean> v = loose ? r.verdicts.loose() : r.verdicts.strict();
            total += v.size();
            for (boolean b : v) if (b) correct++;
        }
        return new Accuracy(correct, total);
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
        write(dir, rows.size(), rows::get, () -> this);
    }

    /**
     * Writes the files of {@code count} rows, row i being {@code row.apply(i)} (called on any thread, once, in no set
     * order), and then summary.json of what {@code done} gives once every row was made; returns that.
     */
    private static Evaluation write(Path dir, int count, IntFunction<Row> row, Supplier<Evaluation> done) {
        try (FileSet set = new FileSet()) {
            Path strictFile = set.stage(dir.resolve(FILES.get(0)));
            Path looseFile = set.stage(dir.resolve(FILES.get(1)));
            try (OutputStream strict = Files.newOutputStream(strictFile); OutputStream loose = Files.newOutputStream(looseFile)) {
                // A chunk's two buffers go back to the pool once written: a few pairs, grown to a chunk's size, serve
                // every chunk (new ones for each were hundreds of megabytes for the collector).
                Queue<AsciiJson[]> free = new ConcurrentLinkedQueue<>();
                Parallel.InOrder<AsciiJson[]> chunks = new Parallel.InOrder<>(AHEAD, lines -> {
                    lines[0].writeTo(strict);
                    lines[1].writeTo(loose);
                    free.add(lines);
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
            Evaluation evaluation = done.get();
            AtomicFiles.write(set.stage(dir.resolve(FILES.get(2))), PyJson.dumps(evaluation.summary()) + "\n");
            set.commit();
            return evaluation;
        }
    }

    /** Rows {@code [from, to)}'s strict and loose lines, in {@code reuse}'s buffers where given. */
    private static AsciiJson[] lines(int from, int to, IntFunction<Row> rowAt, AsciiJson[] reuse) {
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
        for (Row row : chunk) {
            tail.clear();
            appendTail(tail, row);
            tail.raw("\n");
            appendHead(strict, row.verdicts.strict());
            strict.raw(tail);
            appendHead(loose, row.verdicts.loose());
            loose.raw(tail);
        }
        return new AsciiJson[] {strict, loose};
    }

    /**
     * The checks that could not run (a checker threw; the constraint counts as not followed), one line each:
     * {@code prompt key K: ID: error}, in prompt order.
     */
    public List<String> checkerErrors() {
        List<String> lines = new ArrayList<>();
        for (Row r : rows) for (String e : r.verdicts.errors()) lines.add("prompt key " + r.prompt.key() + ": " + e);
        return lines;
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
        List<String> errors = checkerErrors();
        if (!errors.isEmpty()) s.put("checker_errors", errors);
        return s;
    }

    /** Accuracy per constraint id (or per category, the part before ':'), sorted by name. */
    private Map<String, Object> perConstraint(boolean byCategory) {
        Map<String, int[]> counts = new TreeMap<>();
        // Counted per distinct id first (a hash lookup), then summed by name: a TreeMap lookup per verdict costs more.
        Map<String, int[]> byId = new HashMap<>();
        for (Row r : rows) {
            List<String> ids = r.prompt.instructionIds();
            for (int i = 0; i < ids.size(); i++) {
                int[] c = byId.computeIfAbsent(ids.get(i), k -> new int[3]);
                c[0]++;
                if (r.verdicts.strict().get(i)) c[1]++;
                if (r.verdicts.loose().get(i)) c[2]++;
            }
        }
        byId.forEach((id, c) -> {
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
