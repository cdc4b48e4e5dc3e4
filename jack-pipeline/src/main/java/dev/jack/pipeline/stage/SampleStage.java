package dev.jack.pipeline.stage;

import dev.jack.core.Choices;
import dev.jack.core.Parallel;
import dev.jack.core.Seeds;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.Journal;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.Sample;
import dev.jack.core.json.Json;
import dev.jack.core.json.JsonException;
import dev.jack.core.json.PyJson;
import dev.jack.llm.Backend;
import dev.jack.llm.GenerationException;
import dev.jack.llm.GenerationRequest;
import dev.jack.llm.GenerationResult;
import dev.jack.llm.OpenAiBackend;
import dev.jack.llm.Prompt;
import dev.jack.pipeline.Check;
import dev.jack.pipeline.Inputs;
import dev.jack.pipeline.ModelOptions;
import dev.jack.pipeline.ModelSettings;
import dev.jack.pipeline.ProgressBar;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;

import java.io.IOException;
import java.io.PrintWriter;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code jack sample}: n responses per prompt, one {@link Sample} row per (prompt key, sample index), each its own
 * request with its own seed ({@link Seeds#row}). Prompts are chat conversations (the system prompt, then the prompt as
 * the user turn), conditioned on the server's own chat template on either endpoint; a reasoning model's thinking that
 * the server returns apart is kept in the row's {@code reasoning_content}. It is resumable: rows are appended as they complete, a run killed at
 * any moment leaves at most one partial line (cut off at the next start), and a rerun with the same settings does
 * only the missing rows. When every row is done the file is rewritten in prompt order, so an interrupted and an
 * uninterrupted run end with the same file. Requests that fail for good are listed, with their reasons, in
 * {@code OUT.failed.jsonl}; a rerun retries them.
 */
public record SampleStage(Path prompts, Path out, Options options, ModelOptions model) implements Stage {
    /**
     * Generation settings shared by every row (written into each row's {@code params} and checked on resume):
     * n samples per prompt, the endpoint, an optional system prompt, temperature, top_p, top_k, max_tokens, the base
     * seed, and the number of top logprobs to keep (null: none).
     */
    public record Options(int n, OpenAiBackend.Endpoint endpoint, String system, double temperature, Double topP, Integer topK,
                          int maxTokens, long seed, Integer logprobs) {
        public Options {
            Check.atLeast("n", n, 1);
            Check.atLeast("temperature", temperature, 0);
            Check.atLeast("top_k", topK, 1);
            Check.atLeast("max_tokens", maxTokens, 1);
            Check.atLeast("logprobs", logprobs, 0);
            if (topP != null) Check.within("top_p", topP, 0, 1);
        }

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

    /** What a run did: rows found done, done now, attempts retried, failures by reason, rows in all. */
    public record Summary(long alreadyDone, long done, long retried, Map<String, Integer> failures, long total) {
        public long failed() {
            return failures.values().stream().mapToLong(Integer::longValue).sum();
        }
    }

    /** A progress report: rows finished so far (this run), rows to do in this run, retries and failures so far. */
    public interface Progress {
        void update(long finished, long toDo, long retries, long failed);
    }

    private record Item(long key, int index, String prompt) {}

    @Override
    public String name() {
        return "sample";
    }

    @Override
    public Record settings() {
        return new ModelSettings(options, model.identity());
    }

    /** What decides the rows: the options and the model (not how it is reached). */

    @Override
    public List<Path> inputs() {
        return Inputs.of(prompts, model.localFile());
    }

    @Override
    public List<Path> outputs() {
        return List.of(out, failedFile());
    }

    private Path failedFile() {
        return out.resolveSibling(out.getFileName() + ".failed.jsonl");
    }

    @Override
    public Status run(StageContext context) {
        PrintWriter console = context.out();
        try (Backend client = model.open(options.endpoint(), context)) {
            ProgressBar bar = new ProgressBar(context.err(), context.terminal());
            Summary s = sample(client, bar::update, context::note);
            bar.finish();
            console.printf("rows: %d total, %d already done, %d done now, %d failed; %d attempts retried%n",
                    s.total(), s.alreadyDone(), s.done(), s.failed(), s.retried());
            s.failures().forEach((reason, count) -> console.printf("  failed %d× : %s%n", count, reason));
            console.println(s.failed() == 0 ? "wrote " + out : "wrote " + out + " (incomplete: rerun the same command to retry the failed rows)");
            return s.failed() == 0 ? Status.DONE : Status.INCOMPLETE;
        } catch (GenerationException e) {
            throw new dev.jack.core.UserException(e.getMessage(), e);
        }
    }

    /** Samples every missing row through the backend, at most {@code max(2 × concurrency, 16)} requests queued. */
    public Summary sample(Backend backend, Progress progress, Consumer<String> log) {
        List<Item> items = new ArrayList<>();
        Map<Long, Integer> positions = new HashMap<>();
        Map<Long, String> promptOf = new HashMap<>();
        JsonlReader.forEach(prompts, row -> {
            long key = row.integer("key");
            String prompt = row.string("prompt");
            if (positions.putIfAbsent(key, positions.size()) != null) throw row.error("key", "duplicate key " + key);
            promptOf.put(key, prompt);
            for (int i = 0; i < options.n(); i++) items.add(new Item(key, i, prompt));
        });
        if (items.isEmpty()) throw new DataFileException(prompts, "no prompts");
        Map<String, Integer> failures = new TreeMap<>();
        List<String> failedRows = new ArrayList<>();
        AtomicLong finished = new AtomicLong();
        long retriesBefore = backend.retries();
        Set<String> done;
        try (Journal journal = Journal.open(out)) {
            done = resume(journal, promptOf);
            journal.begin();
            List<Item> toDo = items.stream().filter(it -> !done.contains(it.key + "/" + it.index)).toList();
            Parallel.forEach(toDo.size(), Math.max(2 * model.inFlight(), 16), i -> {
                Item it = toDo.get(i);
                try {
                    journal.append(PyJson.dumps(row(it.key, it.index, it.prompt, backend.generate(request(it.key, it.index, it.prompt)).join()).toJson()));
                } catch (CompletionException e) {
                    Map<String, Object> f = failure(it.key, it.index, e);
                    synchronized (failures) {
                        failures.merge(reasonKind((String) f.get("reason")), 1, Integer::sum);
                        failedRows.add(PyJson.dumps(f));
                    }
                }
                progress.update(finished.incrementAndGet(), toDo.size(), retries(backend, retriesBefore), failedCount(failures));
            });
        }
        if (failedRows.isEmpty()) {
            try {
                Files.deleteIfExists(failedFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            compact(out, positions, promptOf);
        } else {
            failedRows.sort(Comparator.naturalOrder());
            AtomicFiles.write(failedFile(), String.join("\n", failedRows) + "\n");
            log.accept(failedRows.size() + " rows failed; see " + failedFile() + " (a rerun retries them)");
        }
        return new Summary(done.size(), finished.get() - failedCount(failures), retries(backend, retriesBefore), failures, items.size());
    }

    /** The request for sample {@code index} of a prompt, with the row's own seed ({@link Seeds#row}). */
    public GenerationRequest request(long key, int index, String prompt) {
        Prompt.Chat chat = new Prompt.Chat(options.system() == null
                ? List.of(Prompt.Message.user(prompt))
                : List.of(Prompt.Message.system(options.system()), Prompt.Message.user(prompt)));
        return new GenerationRequest(chat, 1, options.temperature(), options.topP(), options.topK(), Seeds.row(options.seed(), key, index),
                options.maxTokens(), List.of(), options.logprobs());
    }

    /**
     * The failure row of a sample that failed for good ({@code OUT.failed.jsonl}): key, sample_index, attempts made
     * (0 when unknown) and the reason.
     */
    public static Map<String, Object> failure(long key, int index, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("key", key);
        f.put("sample_index", index);
        f.put("attempts", cause instanceof GenerationException g ? g.attempts() : 0);
        f.put("reason", cause.getMessage() == null ? cause.toString() : cause.getMessage());
        return f;
    }

    private static long retries(Backend backend, long before) {
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

    /** The row of sample {@code index} of a prompt from the server's answer to {@link #request}. */
    public Sample row(long key, int index, String prompt, GenerationResult result) {
        GenerationResult.Completion c = result.completions().getFirst();
        List<Sample.Logprob> logprobs = null;
        if (options.logprobs() != null) {
            logprobs = new ArrayList<>();
            for (GenerationResult.TokenLogprob t : c.logprobs()) {
                List<Sample.Alternative> top = t.top().stream().map(a -> new Sample.Alternative(a.token(), a.logprob())).toList();
                logprobs.add(new Sample.Logprob(t.token(), t.id() == null ? null : (long) t.id(), t.logprob(), top));
            }
        }
        return new Sample(key, (long) index, prompt, c.text(), c.reasoningContent(), c.finishReason(), (long) result.promptTokens(),
                (long) c.completionTokens(), model.model(), Choices.label(options.endpoint()), options.params(), Seeds.row(options.seed(), key, index),
                logprobs, Map.of());
    }

    /**
     * The rows already written that still count, as {@code key/sample_index}: every line must be a sample row made
     * with these settings (else the file is refused untouched: it is another file, or was sampled otherwise); a row
     * whose prompt text is no longer its key's prompt is sampled again.
     */
    private Set<String> resume(Journal journal, Map<Long, String> promptOf) {
        Set<String> done = new HashSet<>();
        List<String> lines = journal.existingLines();
        String params = PyJson.dumps(options.params());
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            Sample row = journalRow(journal.path(), i + 1, lines.get(i));
            if (!model.model().equals(row.model()) || !params.equals(PyJson.dumps(row.params()))
                    || !Choices.label(options.endpoint()).equals(row.endpoint())
                    || !Long.valueOf(Seeds.row(options.seed(), row.key(), row.sampleIndex().intValue())).equals(row.seed())) {
                throw new DataFileException(journal.path(), i + 1, "params",
                        "this file was sampled with other settings (model, endpoint, parameters or seed); rerun with the same arguments or choose another --out");
            }
            if (current(row, promptOf)) done.add(row.key() + "/" + row.sampleIndex());
        }
        return done;
    }

    /** A row was made from its key's prompt as it is now (rows of keys no longer in the prompts are left as they are). */
    private static boolean current(Sample row, Map<Long, String> promptOf) {
        String prompt = promptOf.get(row.key());
        return prompt == null || prompt.equals(row.prompt());
    }

    /** One line of the output as a sample row, or an error: the file is not a samples file. */
    @SuppressWarnings("unchecked")
    private static Sample journalRow(Path file, long line, String text) {
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (JsonException e) {
            parsed = null;
        }
        if (!(parsed instanceof Map<?, ?> map) || !(map.get("key") instanceof Long) || !(map.get("sample_index") instanceof Long)
                || !(map.get("prompt") instanceof String) || !(map.get("seed") instanceof Long)) {
            throw new DataFileException(file, line, null, "not a row of jack sample (is this file another command's output?); nothing was changed: choose another --out");
        }
        return Sample.read(new JsonlReader.Row(file, line, (Map<String, Object>) map));
    }

    /**
     * Rewrites the finished file in prompt order, then sample index, atomically: one row per (key, sample index), the
     * last one written, and none made from a prompt text that has changed since.
     */
    private static void compact(Path out, Map<Long, Integer> positions, Map<Long, String> promptOf) {
        try {
            record Keyed(long order, String line) {}
            Map<String, Keyed> rows = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) continue;
                Sample row = journalRow(out, i + 1, lines.get(i));
                if (!current(row, promptOf)) continue;
                long order = positions.getOrDefault(row.key(), Integer.MAX_VALUE) * 100_000L + row.sampleIndex();
                rows.put(row.key() + "/" + row.sampleIndex(), new Keyed(order, lines.get(i)));
            }
            List<String> sorted = rows.values().stream().sorted(Comparator.comparingLong(Keyed::order)).map(Keyed::line).toList();
            AtomicFiles.write(out, String.join("\n", sorted) + (sorted.isEmpty() ? "" : "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
