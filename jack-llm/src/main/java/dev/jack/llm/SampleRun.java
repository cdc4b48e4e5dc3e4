package dev.jack.llm;

import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.Journal;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.json.Json;
import dev.jack.core.json.PyJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The {@code jack sample} stage: n responses per prompt, one JSONL row per (prompt key, sample index).
 * It is resumable: rows are appended as they complete, a run killed at any moment leaves at most one
 * partial line (cut off at the next start), and a rerun with the same settings does only the missing
 * rows. When every row is done the file is rewritten in prompt order, so an interrupted and an
 * uninterrupted run end with the same file. Requests that fail for good are listed, with their
 * reasons, in {@code OUT.failed.jsonl}; a rerun retries them.
 */
public final class SampleRun {
    /** Generation settings shared by every row; written into each row and checked on resume. */
    public record Settings(String model, String endpoint, String system, int n, Double temperature, Double topP,
                           Integer topK, int maxTokens, long seed, Integer logprobs) {
        Map<String, Object> params() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("temperature", temperature);
            p.put("top_p", topP);
            p.put("top_k", topK);
            p.put("max_tokens", maxTokens);
            p.put("system", system);
            p.put("logprobs", logprobs);
            return p;
        }
    }

    /** What a run did. */
    public record Summary(long alreadyDone, long done, long retried, Map<String, Integer> failures, long total) {
        public long failed() {
            return failures.values().stream().mapToLong(Integer::longValue).sum();
        }
    }

    /** A progress report: rows finished so far (this run), rows to do in this run. */
    public interface Progress {
        void update(long finished, long toDo, long retries, long failed);
    }

    private record Item(long key, int index, int position, String prompt) {}

    private final Backend backend;
    private final Settings settings;
    private final int maxQueued;

    public SampleRun(Backend backend, Settings settings, int maxQueued) {
        this.backend = backend;
        this.settings = settings;
        this.maxQueued = maxQueued;
    }

    /** A per-row seed that depends only on the base seed, the prompt key and the sample index. */
    public static long rowSeed(long seed, long key, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + key * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
        return (z ^ (z >>> 29)) & 0x7FFFFFFFL;
    }

    public Summary run(Path prompts, Path out, Progress progress, Consumer<String> log) {
        List<Item> items = new ArrayList<>();
        Map<Long, Integer> positions = new HashMap<>();
        JsonlReader.forEach(prompts, row -> {
            long key = row.integer("key");
            String prompt = row.string("prompt");
            if (positions.putIfAbsent(key, positions.size()) != null) throw row.error("key", "duplicate key " + key);
            for (int i = 0; i < settings.n(); i++) items.add(new Item(key, i, positions.get(key), prompt));
        });
        Set<String> done = new HashSet<>();
        List<Item> toDo;
        Map<String, Integer> failures = new TreeMap<>();
        List<String> failedRows = new ArrayList<>();
        AtomicLong finished = new AtomicLong();
        long retriesBefore = backend.retries();
        Semaphore queue = new Semaphore(maxQueued);
        try (Journal journal = Journal.open(out)) {
            done.addAll(resume(journal));
            toDo = items.stream().filter(it -> !done.contains(it.key + "/" + it.index)).toList();
            for (Item it : toDo) {
                queue.acquireUninterruptibly();
                Prompt.Chat chat = new Prompt.Chat(settings.system() == null
                        ? List.of(Prompt.Message.user(it.prompt))
                        : List.of(Prompt.Message.system(settings.system()), Prompt.Message.user(it.prompt)));
                long seed = rowSeed(settings.seed(), it.key, it.index);
                GenerationRequest request = new GenerationRequest(chat, 1, settings.temperature(), settings.topP(),
                        settings.topK(), seed, settings.maxTokens(), List.of(), settings.logprobs());
                backend.generate(request).whenComplete((result, error) -> {
                    try {
                        if (error == null) {
                            journal.append(row(it, seed, result));
                        } else {
                            Throwable cause = error.getCause() != null ? error.getCause() : error;
                            String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
                            int attempts = cause instanceof GenerationException g ? g.attempts() : 0;
                            synchronized (failures) {
                                failures.merge(reasonKind(reason), 1, Integer::sum);
                                Map<String, Object> f = new LinkedHashMap<>();
                                f.put("key", it.key);
                                f.put("sample_index", it.index);
                                f.put("attempts", attempts);
                                f.put("reason", reason);
                                failedRows.add(PyJson.dumps(f));
                            }
                        }
                        long n = finished.incrementAndGet();
                        progress.update(n, toDo.size(), retries(retriesBefore), failedCount(failures));
                    } finally {
                        queue.release();
                    }
                });
            }
            queue.acquireUninterruptibly(maxQueued);
            queue.release(maxQueued);
        }
        Path failedFile = out.resolveSibling(out.getFileName() + ".failed.jsonl");
        if (failedRows.isEmpty()) {
            try {
                Files.deleteIfExists(failedFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            compact(out, positions);
        } else {
            failedRows.sort(Comparator.naturalOrder());
            AtomicFiles.write(failedFile, String.join("\n", failedRows) + "\n");
            log.accept(failedRows.size() + " rows failed; see " + failedFile + " (a rerun retries them)");
        }
        return new Summary(done.size(), finished.get() - failedCount(failures), retries(retriesBefore), failures, items.size());
    }

    private long retries(long before) {
        return backend.retries() - before;
    }

    private static long failedCount(Map<String, Integer> failures) {
        synchronized (failures) {
            return failures.values().stream().mapToLong(Integer::longValue).sum();
        }
    }

    /** Groups failure reasons for the summary: "HTTP 401", "timed out", "gave up after 6 attempts; last: HTTP 503"... */
    private static String reasonKind(String reason) {
        return reason.length() > 80 ? reason.substring(0, 80) + "..." : reason;
    }

    private String row(Item it, long seed, GenerationResult result) {
        GenerationResult.Completion c = result.completions().getFirst();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", it.key);
        row.put("sample_index", it.index);
        row.put("prompt", it.prompt);
        row.put("response", c.text());
        row.put("finish_reason", c.finishReason());
        row.put("prompt_tokens", result.promptTokens());
        row.put("completion_tokens", c.completionTokens());
        row.put("model", settings.model());
        row.put("endpoint", settings.endpoint());
        row.put("params", settings.params());
        row.put("seed", seed);
        if (settings.logprobs() != null) {
            List<Object> tokens = new ArrayList<>();
            for (GenerationResult.TokenLogprob t : c.logprobs()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("token", t.token());
                m.put("id", t.id());
                m.put("logprob", t.logprob());
                List<Object> top = new ArrayList<>();
                for (GenerationResult.Alternative a : t.top()) top.add(new LinkedHashMap<>(Map.of("token", a.token(), "logprob", a.logprob())));
                m.put("top", top);
                tokens.add(m);
            }
            row.put("logprobs", tokens);
        }
        return PyJson.dumps(row);
    }

    /**
     * Reads the rows already written: cuts off a trailing partial line (a kill mid-write), and fails
     * if earlier rows were made with other settings.
     */
    private Set<String> resume(Journal journal) {
        Set<String> done = new HashSet<>();
        List<String> lines = journal.existingLines();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank()) continue;
            Map<?, ?> row;
            try {
                row = (Map<?, ?>) Json.parse(l);
            } catch (RuntimeException e) {
                throw new DataFileException(journal.path(), i + 1, null, "not a sample row: " + e.getMessage());
            }
            if (!settings.model().equals(row.get("model")) || !PyJson.dumps(settings.params()).equals(PyJson.dumps(row.get("params")))
                    || !settings.endpoint().equals(row.get("endpoint"))
                    || !Long.valueOf(rowSeed(settings.seed(), (Long) row.get("key"), ((Long) row.get("sample_index")).intValue())).equals(row.get("seed"))) {
                throw new DataFileException(journal.path(), i + 1, "params",
                        "this file was sampled with other settings (model, endpoint, parameters or seed); rerun with the same arguments or choose another --out");
            }
            done.add(row.get("key") + "/" + row.get("sample_index"));
        }
        return done;
    }

    /** Rewrites the finished file in prompt order, then sample index, atomically. */
    private static void compact(Path out, Map<Long, Integer> positions) {
        try {
            record Keyed(long order, String line) {}
            List<Keyed> rows = new ArrayList<>();
            for (String l : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                if (l.isBlank()) continue;
                Map<?, ?> row = (Map<?, ?>) Json.parse(l);
                long order = positions.getOrDefault((Long) row.get("key"), Integer.MAX_VALUE) * 100_000L + (Long) row.get("sample_index");
                rows.add(new Keyed(order, l));
            }
            rows.sort(Comparator.comparingLong(Keyed::order));
            List<String> lines = rows.stream().map(Keyed::line).toList();
            AtomicFiles.write(out, String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
