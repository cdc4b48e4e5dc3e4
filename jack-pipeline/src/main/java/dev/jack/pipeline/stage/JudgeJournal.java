package dev.jack.pipeline.stage;

import dev.jack.core.Parallel;
import dev.jack.core.Sha256;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.Journal;
import dev.jack.core.json.Json;
import dev.jack.core.json.PyJson;
import dev.jack.llm.GenerationException;
import dev.jack.pipeline.Fingerprint;
import dev.jack.pipeline.JackVersion;
import dev.jack.pipeline.ProgressBar;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A judge stage's work, item by item, journaled as each item completes, so that a run killed at any moment resumes
 * where it stopped without asking the model again (the journal is {@link Journal}: a partial last line is cut off).
 * Each line is the item's result with {@code key}, {@code settings} and {@code source} first. {@code settings} is the
 * SHA-256 of the stage's options, model and Jack's version ({@link Fingerprint} without the item files): a journal
 * written under other settings is refused untouched rather than mixed in. {@code source} is the SHA-256 of what the
 * item was computed from (its text as read from the item files, and the content of the stage's other inputs, such as
 * a categories file): when an item file changes, only the items whose source changed are asked again, and items no
 * longer there are dropped. When every item is done the journal is rewritten in item order, so an interrupted and an
 * uninterrupted run leave the same file. Progress goes to err; an item whose request failed for good is listed and
 * retried by the next run.
 */
final class JudgeJournal {
    private JudgeJournal() {}

    /**
     * One item: its journal key (distinct among the items) and what its result is computed from, as text (the input
     * row, the texts the judge is shown, anything that seeds it such as its index): equal text, equal result.
     */
    record Item(String key, String source) {}

    /** The result of each item in order (null for one that failed), how many were found done, and the failures ("key: reason"). */
    record Outcome(List<Map<String, Object>> results, int alreadyDone, List<String> failures) {
        boolean complete() {
            return failures.isEmpty();
        }
    }

    /**
     * Does {@code work(i)} for every item not in the journal with its current source yet, at most {@code concurrency}
     * at once, and appends each result as it completes. A request that fails for good (the backend's
     * {@link GenerationException}) leaves its item undone; any other exception stops the run after the items in flight
     * (what finished is kept).
     *
     * @param itemFiles the stage's inputs that the items are read from (their content enters each item's source; the
     *                  content of the stage's other inputs enters every item's)
     * @param items     the items, in the order results are returned
     * @throws DataFileException when the journal was written with other settings or has a line that is not a result
     */
    static Outcome run(Stage stage, StageContext context, Path journal, List<Path> itemFiles, List<Item> items, int concurrency,
                       IntFunction<Map<String, Object>> work) {
        String version = JackVersion.get();
        String settings = Fingerprint.of(stage, List.of(), version, new HashMap<>()).digest();
        List<Path> shared = stage.inputs().stream().filter(p -> !itemFiles.contains(p)).toList();
        String sharedDigest = Fingerprint.of(stage, shared, version, new HashMap<>()).digest();
        List<String> sources = items.stream().map(item -> Sha256.hex(sharedDigest + "\n" + item.source())).toList();
        Map<String, Map<String, Object>> done = new HashMap<>();
        List<String> failures = new ArrayList<>();
        int alreadyDone;
        try (Journal j = Journal.open(journal)) {
            Map<String, String> sourceOf = new HashMap<>();
            for (int i = 0; i < items.size(); i++) sourceOf.put(items.get(i).key(), sources.get(i));
            List<String> lines = j.existingLines();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) continue;
                Map<String, Object> row = parse(journal, i + 1, lines.get(i));
                if (!settings.equals(row.get("settings"))) {
                    throw new DataFileException(journal, i + 1, "settings", "this run was started with other settings or another model; rerun with the "
                            + "same arguments, or delete " + journal + " to start afresh");
                }
                // A row computed from what the item no longer is (or an item no longer there) is not a result of this run.
                String key = String.valueOf(row.get("key"));
                if (Objects.equals(sourceOf.get(key), row.get("source"))) done.put(key, row);
                else done.remove(key);
            }
            List<Integer> toDo = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) if (!done.containsKey(items.get(i).key())) toDo.add(i);
            alreadyDone = items.size() - toDo.size();
            ProgressBar bar = new ProgressBar(context.err(), context.terminal());
            AtomicLong finished = new AtomicLong();
            Parallel.forEach(toDo.size(), concurrency, n -> {
                int i = toDo.get(n);
                String key = items.get(i).key();
                try {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("key", key);
                    line.put("settings", settings);
                    line.put("source", sources.get(i));
                    line.putAll(work.apply(i));
                    String text = PyJson.dumps(line);
                    j.append(text);
                    synchronized (done) {
                        done.put(key, parse(journal, 0, text));
                    }
                } catch (CompletionException | GenerationException e) {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (!(cause instanceof GenerationException)) throw e;
                    synchronized (failures) {
                        failures.add(key + ": " + cause.getMessage());
                    }
                } finally {
                    synchronized (failures) {
                        bar.update(finished.incrementAndGet(), toDo.size(), 0, failures.size());
                    }
                }
            });
            bar.finish();
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Item item : items) results.add(done.get(item.key()));
        if (failures.isEmpty()) {
            StringBuilder ordered = new StringBuilder();
            for (Map<String, Object> r : results) ordered.append(PyJson.dumps(r)).append('\n');
            AtomicFiles.write(journal, ordered);
        } else {
            failures.sort(null);
            failures.forEach(f -> context.note("failed: " + f));
            context.note(failures.size() + " of " + items.size() + " items failed; the " + (items.size() - failures.size()) + " done are kept in " + journal
                    + " (rerun the same command to retry)");
        }
        return new Outcome(results, alreadyDone, List.copyOf(failures));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(Path journal, int line, String text) {
        try {
            if (Json.parse(text) instanceof Map<?, ?> m && m.containsKey("key")) return (Map<String, Object>) m;
        } catch (RuntimeException e) {
            throw new DataFileException(journal, line, null, "not a journal line: " + e.getMessage());
        }
        throw new DataFileException(journal, line, "key", "not a journal line");
    }
}
