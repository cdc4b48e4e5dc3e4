package dev.jack.pipeline.stage;

import dev.jack.core.Choices;
import dev.jack.core.OptionException;
import dev.jack.core.Parallel;
import dev.jack.core.UserException;
import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.Span;
import dev.jack.core.curate.Flaw;
import dev.jack.core.curate.Reward;
import dev.jack.core.data.FileSet;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.PassRates;
import dev.jack.core.data.Sample;
import dev.jack.core.data.ScoredSample;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.Verdicts;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.ifevalg.GroundTruth;
import dev.jack.core.ifevalg.IfevalgVerifier;
import dev.jack.core.json.AsciiJson;
import dev.jack.core.text.PyText;
import dev.jack.core.text.Thinking;
import dev.jack.llm.ControlTokens;
import dev.jack.pipeline.Inputs;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * {@code jack score}: each sample with its prompt's per-constraint strict and loose verdicts and rewards
 * ({@link ScoredSample}), so that curation and reports never verify again. Rows keep the samples' order. What is
 * checked is the final answer: a reasoning model's leading thinking block is removed first unless {@code thinking} is
 * {@code keep} ({@link Thinking}). Before scoring, every response (and its {@code reasoning_content}) is searched for
 * control-token text ({@link ControlTokens#KNOWN}); what is found goes into the row's {@code control_tokens}, and the
 * console counts those responses, the ones cut off at the token limit and the ones with an empty answer: curation
 * never chooses them ({@link Flaw}). Beside {@code out}, each prompt's measured difficulty over its samples
 * ({@link PassRates}) goes to {@code OUT.pass_rates.jsonl} (out's {@code .jsonl} replaced), in the order prompts first
 * appear. With {@code spans}, each row also gets {@code spans}: per constraint (in {@code instruction_id_list} order)
 * the stretches of the checked text (the answer, with {@code thinking} strip) that decide its strict verdict
 * ({@link Constraint#spans}), as {@code start}, {@code end} (Unicode code point offsets, as Python indexes the string)
 * and {@code label}. A check that could not run (a checker, or its span code, that throws: none should) counts as not
 * followed, and the row names it in {@code checker_errors}, as does a warning on the console.
 *
 * <p>The constraints come from the prompts file (by key), or, with a labels field, from open-instruct's
 * {@code ground_truth} label ({@link GroundTruth}) on the sample row, else on its prompt row.
 */
public record ScoreStage(Path prompts, Path samples, Path out, Options options) implements Stage {
    /** Whose verification rewards follow: IFEval's (strict and loose) or open-instruct's IFEvalVerifier ({@link IfevalgVerifier}). */
    public enum Verification { IFEVAL, IFEVALG }

    /**
     * The reward that counts ({@code reward}), all or nothing (1 only when every constraint is followed), what happens
     * to a reasoning model's thinking before checking, the Punkt folder (null: Jack's own), whether rows get the
     * checkers' spans, whose verification ({@code verifier}), and the field holding open-instruct labels (null: the
     * prompts' instruction_id_list and kwargs). IFEvalG's verifier checks the response as IFEvalVerifier does (its own
     * removal of {@code <|assistant|>}, thinking and {@code <answer>} wrappers, not {@code thinking}); it has no loose
     * mode, so it takes only the strict reward, its rows' loose verdicts are the strict ones, and their reward is
     * IFEvalVerifier's (the share followed, 0 for an empty answer).
     */
    public record Options(Reward reward, boolean allOrNothing, Thinking thinking, Path punktDir, boolean spans, Verification verifier,
                          String labelsField) {
        public Options {
            if (verifier == Verification.IFEVALG && reward != Reward.STRICT) {
                throw new OptionException("reward", "IFEvalG's verifier has no loose mode, so its reward is strict; got " + Choices.label(reward));
            }
        }

        /** IFEval's verification of the prompts' constraints, without spans. */
        public Options(Reward reward, boolean allOrNothing, Thinking thinking, Path punktDir) {
            this(reward, allOrNothing, thinking, punktDir, false, Verification.IFEVAL, null);
        }
    }

    public ScoreStage {
        if (prompts == null && options.labelsField() == null) {
            throw new OptionException("prompts", "is required unless the samples carry their labels (--labels-field)");
        }
    }

    @Override
    public Record settings() {
        return options;
    }

    @Override
    public String name() {
        return "score";
    }

    @Override
    public List<Path> inputs() {
        return Inputs.of(prompts, samples, Inputs.punkt(options.punktDir()));
    }

    @Override
    public List<Path> outputs() {
        return List.of(out, passRatesPath(out));
    }

    /** Where the pass rates of a scored file are: {@code scored.jsonl} → {@code scored.pass_rates.jsonl}. */
    public static Path passRatesPath(Path scored) {
        return Inputs.replaceJsonl(scored, ".pass_rates.jsonl");
    }

    @Override
    public Status run(StageContext context) {
        String labels = options.labelsField();
        // The prompts are read while the samples are: a chunk of samples waits only for its own keys' prompts.
        PromptsReading byKey = prompts == null || labels != null ? PromptsReading.NONE : PromptsReading.start(prompts);
        Tally tally;
        try {
            tally = score(context, byKey);
        } catch (RuntimeException | Error e) {
            // A prompts file's error comes first, as when the prompts were read before anything else; an interrupted
            // run keeps its own error (waiting would only fail again).
            if (!Thread.currentThread().isInterrupted()) byKey.join();
            throw e;
        }
        summary(context, tally, out.toString(), passRatesPath(out).toString());
        return Status.DONE;
    }

    /** Scores the samples into the output files, with the prompts as {@code byKey} reads them; what it scored. */
    private Tally score(StageContext context, PromptsReading byKey) {
        String labels = options.labelsField();
        Map<Long, JsonlReader.Row> labelRows = prompts == null || labels == null ? Map.of() : rowsByKey(prompts);
        Scorer scorer = new Scorer(options, prompts == null ? null : prompts.toString(), new Verifier(context.text(options.punktDir())));
        // Each prompt's pass rates counted as its rows are written, in the order prompts first appear: the rows
        // themselves kept to the end held hundreds of megabytes, which young collections copied on one core.
        Map<Long, PassRates.Counts> counts = new LinkedHashMap<>();
        Tally[] tallied = {Tally.NONE};
        Queue<AsciiJson> buffers = new ConcurrentLinkedQueue<>();
        // The scored rows and their pass rates are replaced as one set. Rows are scored in chunks as they are read, and
        // written in order as their chunks finish.
        try (FileSet set = new FileSet()) {
            try (OutputStream lines = Files.newOutputStream(set.stage(out))) {
                Parallel.InOrder<ScoredChunk> chunks = new Parallel.InOrder<>(CHUNKS_AHEAD, chunk -> {
                    chunk.lines().writeTo(lines);
                    for (int i = 0; i < chunk.scored().size(); i++) {
                        Outcome s = chunk.scored().get(i);
                        tallied[0] = tallied[0].plus(s);
                        try {
                            counts.computeIfAbsent(s.row().sample().key(), k -> new PassRates.Counts(s.row())).add(s.row());
                        } catch (IllegalArgumentException e) {
                            // Only labels on the rows can give one key's samples different constraints.
                            throw chunk.rows().get(i).error(options.labelsField(), "gives key " + s.row().sample().key()
                                    + " other constraints than its first sample's (pass rates are per prompt)");
                        }
                    }
                    // Its buffer serves a later chunk (a chunk's lines are about a megabyte: one per chunk was a tenth
                    // of what score allocated, with the per-row copies it replaced), unless a huge row grew it.
                    if (chunk.lines().capacity() <= KEPT_BUFFER) {
                        chunk.lines().clear();
                        buffers.offer(chunk.lines());
                    }
                });
                List<JsonlReader.Row> rows = new ArrayList<>(CHUNK);
                JsonlReader.forEach(samples, row -> {
                    rows.add(row);
                    if (rows.size() == CHUNK) submit(chunks, buffers, scorer, byKey, labelRows, rows);
                });
                submit(chunks, buffers, scorer, byKey, labelRows, rows);
                chunks.finish();
                byKey.join();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            // Each prompt's row written as it is made (all the rows' JSON maps and bytes at once were tens of megabytes
            // that collections copied at the end).
            try (OutputStream passRates = new BufferedOutputStream(Files.newOutputStream(set.stage(passRatesPath(out))), 1 << 16)) {
                AsciiJson line = new AsciiJson(1 << 12);
                for (PassRates.Counts c : counts.values()) {
                    PassRates r = c.rates();
                    tallied[0] = tallied[0].plus(r);
                    line.clear();
                    line.value(r.toJson()).raw("\n").writeTo(passRates);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + passRatesPath(out) + ": " + e.getMessage(), e);
            }
            set.commit();
        }
        return tallied[0];
    }

    /** Rows per chunk scored on one thread, and chunks scored ahead of the writer. */
    private static final int CHUNK = 256;
    private static final int CHUNKS_AHEAD = 8;
    /** The largest chunk buffer kept for a later chunk, in bytes. */
    private static final int KEPT_BUFFER = 4 << 20;

    /** A chunk's rows as read, the same rows scored, and their output lines. */
    private record ScoredChunk(List<JsonlReader.Row> rows, List<Outcome> scored, AsciiJson lines) {}

    /** Hands the rows (then cleared) to the chunks, to be scored into a buffer from {@code buffers} (or a new one). */
    private void submit(Parallel.InOrder<ScoredChunk> chunks, Queue<AsciiJson> buffers, Scorer scorer, PromptsReading byKey,
                        Map<Long, JsonlReader.Row> labelRows, List<JsonlReader.Row> rows) {
        if (rows.isEmpty()) return;
        List<JsonlReader.Row> chunk = List.copyOf(rows);
        rows.clear();
        byKey.await(chunk);
        try {
            chunks.submit(() -> {
                List<Outcome> done = new ArrayList<>(chunk.size());
                AsciiJson kept = buffers.poll();
                AsciiJson lines = kept != null ? kept : new AsciiJson(1 << 20);
                for (JsonlReader.Row row : chunk) {
                    Sample sample = Sample.read(row);
                    done.add(scorer.scoreInto(row, sample, byKey.get(sample.key()), labelRows.get(sample.key()), lines));
                    lines.raw("\n");
                }
                return new ScoredChunk(chunk, done, lines);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * A scored sample and the errors of the checks that could not run, as console warnings (each naming the sample's
     * file, line and key).
     */
    public record Outcome(ScoredSample row, List<String> checkerErrors) {}

    /**
     * A scored sample, its line in the output as ASCII JSON bytes (with its spans when the options ask for them, and the
     * checks that could not run in {@code checker_errors}), and those checks' errors as console warnings (each naming
     * the sample's file, line and key).
     */
    public record Scored(ScoredSample row, byte[] json, List<String> checkerErrors) {
        /** The line in the output, without its line end. */
        public String line() {
            return new String(json, StandardCharsets.ISO_8859_1);
        }

        /** The sample and its checks' errors, without the line. */
        public Outcome outcome() {
            return new Outcome(row, checkerErrors);
        }
    }

    /**
     * Scores sample rows by the options, with the verifier; {@code prompts} (where the prompts are, null for none) is
     * named in errors.
     * It is what {@code jack score} does to each row, wherever the row is scored (one machine or a Spark task).
     */
    public record Scorer(Options options, String prompts, Verifier verifier) {
        /** Per thread, the buffer a row's line is written into before it is copied out at its length. */
        private static final ThreadLocal<AsciiJson> LINE = ThreadLocal.withInitial(() -> new AsciiJson(4096));

        /**
         * A sample ({@code row}, read) scored: against its prompt's constraints ({@code p}, null when the prompts have none with its
         * key), or with a labels field against the labels on the row, else on its prompt's row ({@code promptRow}, null
         * when none); the verdicts on its answer as {@code thinking} (or IFEvalG's verifier) has it, the rewards, the
         * spans, the checks that could not run (counted as not followed).
         *
         * @throws dev.jack.core.data.DataFileException naming the row's file, line and field: no prompt or labels for
         *     its key, malformed labels, no response, or a prompt text that is not its prompt's
         */
        public Scored score(JsonlReader.Row row, Sample sample, IfevalPrompt p, JsonlReader.Row promptRow) {
            AsciiJson line = LINE.get();
            line.clear();
            Outcome s = scoreInto(row, sample, p, promptRow, line);
            byte[] bytes = line.toBytes();
            // A thread keeps its buffer's room for the next row, but not the room of a row over 1 MB.
            if (line.length() > 1 << 20) LINE.remove();
            return new Scored(s.row(), bytes, s.checkerErrors());
        }

        /**
         * {@link #score(JsonlReader.Row, Sample, IfevalPrompt, JsonlReader.Row)} with the line appended to {@code out}
         * (without its line end) rather than copied into the result: {@code jack score} writes a chunk's lines from one
         * buffer.
         *
         * @throws dev.jack.core.data.DataFileException as {@code score} does
         */
        public Outcome scoreInto(JsonlReader.Row row, Sample sample, IfevalPrompt p, JsonlReader.Row promptRow, AsciiJson out) {
            String labels = options.labelsField();
            List<Constraint> constraints;
            if (labels == null) {
                if (p == null) throw row.error("key", "no prompt with key " + sample.key() + " in " + prompts);
                constraints = p.constraints();
            } else {
                JsonlReader.Row labelled = row.has(labels) ? row : promptRow;
                if (labelled == null) {
                    throw row.error(labels, "is missing" + (prompts == null ? "" : ", and " + prompts + " has no row with key " + sample.key()));
                }
                constraints = GroundTruth.constraints(labelled, labels);
            }
            if (sample.response() == null) throw row.error("response", "is missing");
            if (labels == null && sample.prompt() != null && !sample.prompt().equals(p.prompt())) {
                throw row.error("prompt", "is not the prompt with key " + sample.key() + " in " + prompts + " (sampled from another version of the prompts?)");
            }
            String checked = options.verifier() == Verification.IFEVALG ? IfevalgVerifier.answer(sample.response())
                    : options.thinking().apply(sample.reasoningContent(), sample.response());
            Verdicts v = options.verifier() == Verification.IFEVALG ? null : verifier.verify(constraints, checked);
            ScoredSample scored = score(sample, constraints, v);
            List<String> errors = new ArrayList<>(v == null ? List.of() : v.errors());
            List<List<Map<String, Object>>> spans = options.spans() ? spans(constraints, checked, verifier, errors) : null;
            // The fields go straight to the line; a row that kept fields Jack does not know goes through a map, where
            // such a field named as one of score's is replaced in its place (a scored file scored again).
            Map<String, Object> json = sample.other().isEmpty() ? null : scored.toJson();
            BiConsumer<String, Object> fields = json != null ? json::put : out::field;
            if (json == null) {
                out.beginObject();
                scored.fields(fields);
            }
            if (spans != null) fields.accept("spans", spans);
            // A check that could not run counts as not followed; the row says which and why.
            if (!errors.isEmpty()) fields.accept("checker_errors", errors);
            if (json == null) out.endObject();
            else out.value(json);
            return new Outcome(scored, errors.isEmpty() ? List.of()
                    : errors.stream().map(e -> row.file() + ":" + row.line() + ": key " + sample.key() + ": " + e).toList());
        }

        /**
         * The sample scored: by IFEval's verdicts {@code v} (on the text as {@code thinking} has it), or, with IFEvalG's
         * verifier ({@code v} null), by IFEvalVerifier on its answer, on which each constraint is checked alone (an empty
         * answer follows nothing).
         */
        private ScoredSample score(Sample sample, List<Constraint> constraints, Verdicts v) {
            List<String> ids = constraints.stream().map(Constraint::id).toList();
            boolean all = options.allOrNothing();
            if (options.verifier() == Verification.IFEVALG) {
                IfevalgVerifier.Result r = IfevalgVerifier.verify(constraints, sample.response(), verifier.text());
                double reward = all ? (r.verdicts().contains(false) || r.verdicts().isEmpty() ? 0 : 1) : r.score();
                return new ScoredSample(sample, controlTokens(sample), ids, r.verdicts(), r.verdicts(), reward, reward, reward);
            }
            return new ScoredSample(sample, controlTokens(sample), ids, v.strict(), v.loose(), Reward.STRICT.of(v, all),
                    Reward.LOOSE.of(v, all), options.reward().of(v, all));
        }
    }

    /**
     * What scoring made, added up: samples, the sum of their rewards, those with control-token text, cut off at
     * max_tokens, and with an empty answer; prompts, and the sums of their pass@1 and pass@n; the checks that could not
     * run ({@link Outcome#checkerErrors}).
     */
    public record Tally(long samples, double rewards, long controlTokens, long truncated, long empty, long prompts, double passAt1, double passAtN,
                        List<String> checkerErrors) implements java.io.Serializable {
        public static final Tally NONE = new Tally(0, 0, 0, 0, 0, 0, 0, 0, List.of());

        public Tally plus(Outcome scored) {
            ScoredSample s = scored.row();
            Flaw f = flaw(s);
            return plus(new Tally(1, s.reward(), s.controlTokens().isEmpty() ? 0 : 1, f == Flaw.TRUNCATED ? 1 : 0, f == Flaw.EMPTY ? 1 : 0, 0, 0, 0,
                    scored.checkerErrors()));
        }

        public Tally plus(PassRates r) {
            return plus(new Tally(0, 0, 0, 0, 0, 1, r.passAt1(), r.passAtN(), List.of()));
        }

        public Tally plus(Tally t) {
            List<String> errors = t.checkerErrors.isEmpty() ? checkerErrors : checkerErrors.isEmpty() ? t.checkerErrors
                    : java.util.stream.Stream.concat(checkerErrors.stream(), t.checkerErrors.stream()).toList();
            return new Tally(samples + t.samples, rewards + t.rewards, controlTokens + t.controlTokens, truncated + t.truncated, empty + t.empty,
                    prompts + t.prompts, passAt1 + t.passAt1, passAtN + t.passAtN, errors);
        }
    }

    /**
     * The stage's summary: a warning for each check that could not run (sorted), then what it scored, the prompts'
     * pass rates, and where it wrote them.
     */
    public void summary(StageContext context, Tally t, String where, String passRatesWhere) {
        t.checkerErrors().stream().sorted().forEach(e -> context.note("warning: " + e + " (counted as not followed)"));
        PrintWriter console = context.out();
        console.printf("scored %d samples (mean %s reward %.4f); wrote %s%n", t.samples(), Choices.label(options.reward()),
                t.samples() == 0 ? 0 : t.rewards() / t.samples(), where);
        console.printf("pass rates of %d prompts (mean pass@1 %.4f, pass@n %.4f); wrote %s%n", t.prompts(),
                t.prompts() == 0 ? 0 : t.passAt1() / t.prompts(), t.prompts() == 0 ? 0 : t.passAtN() / t.prompts(), passRatesWhere);
        console.printf("  %d with control-token text, %d cut off at max_tokens, %d with an empty answer (never chosen without --allow-truncated)%n",
                t.controlTokens(), t.truncated(), t.empty());
    }

    /** Each prompt's pass rates over its scored samples, prompts in the order they first appear. */
    public static List<PassRates> passRates(List<ScoredSample> scored) {
        Map<Long, PassRates.Counts> counts = new LinkedHashMap<>();
        for (ScoredSample s : scored) counts.computeIfAbsent(s.sample().key(), k -> new PassRates.Counts(s)).add(s);
        return counts.values().stream().map(PassRates.Counts::rates).toList();
    }

    /**
     * Per constraint, its spans on the checked text as JSON objects with code point offsets; a constraint whose span
     * code throws has none, and the error is added to {@code errors}.
     */
    private static List<List<Map<String, Object>>> spans(List<Constraint> constraints, String response, Verifier verifier, List<String> errors) {
        List<List<Map<String, Object>>> out = new ArrayList<>();
        for (Constraint c : constraints) {
            List<Map<String, Object>> spans = new ArrayList<>();
            List<Span> found;
            try {
                found = PyText.isBlank(response) ? List.of() : c.spans(response, verifier.text());
            } catch (UserException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                errors.add(c.id() + ": spans: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                found = List.of();
            }
            for (Span s : found) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("start", response.codePointCount(0, s.start()));
                m.put("end", response.codePointCount(0, s.end()));
                m.put("label", s.label());
                spans.add(m);
            }
            out.add(spans);
        }
        return out;
    }

    /**
     * The rows of a prompts file by key (for their labels), keys read as {@link IfevalPrompt#key} reads them.
     *
     * @throws dev.jack.core.data.DataFileException naming the file, line and field for a key given twice (a later row
     *     silently took the samples of the first), as {@link IfevalPrompt#readAll} does
     */
    private static Map<Long, JsonlReader.Row> rowsByKey(Path prompts) {
        Map<Long, JsonlReader.Row> byKey = new HashMap<>();
        JsonlReader.forEach(prompts, row -> {
            long key = IfevalPrompt.key(row);
            JsonlReader.Row first = byKey.putIfAbsent(key, row);
            if (first != null) throw row.error("key", "duplicate key " + key + " (first on line " + first.line() + ")");
        });
        return byKey;
    }

    /** The distinct control-token texts in what the model wrote (reasoning, then response), in order of first occurrence. */
    static List<String> controlTokens(Sample sample) {
        Set<String> found = new LinkedHashSet<>();
        for (String text : new String[] {sample.reasoningContent(), sample.response()}) {
            if (text != null) for (ControlTokens.Match m : ControlTokens.KNOWN.findAll(text)) found.add(m.token());
        }
        return List.copyOf(found);
    }

    /**
     * What keeps a scored sample from being chosen ({@link Flaw#of}); its control tokens as the row says, or looked for
     * now in rows from elsewhere that do not say.
     */
    static Flaw flaw(ScoredSample s) {
        return flaw(s.sample(), s.controlTokens());
    }

    /** What keeps a sample from being chosen, given its control tokens (null: look for them now). */
    static Flaw flaw(Sample sample, List<String> controlTokens) {
        List<String> found = controlTokens != null ? controlTokens : controlTokens(sample);
        return Flaw.of(sample.finishReason(), Thinking.answer(sample.response()), !found.isEmpty());
    }

    /**
     * A prompts file read by key on a thread of its own while {@code jack score} reads and scores the samples: reading
     * 48,000 prompts took 1-3 s before the first sample was scored, on less than both cores (its collections copy the
     * prompts on one core), and samples usually come in their prompts' order. A chunk of samples is scored once the
     * prompts of its keys are read ({@link #await}), or all of them; the file's error, if any, is thrown by every call
     * after it (and by {@link #join}), so it still comes before the samples' own errors.
     */
    private static final class PromptsReading {
        /** No prompts file: nothing to wait for, no prompt for any key. */
        static final PromptsReading NONE = new PromptsReading();

        private final Map<Long, IfevalPrompt> byKey = new ConcurrentHashMap<>();
        private final Object progress = new Object();
        private boolean done = true;
        private Throwable error;
        /** A thread waits on {@code progress}: only then is each prompt announced (samples out of order woke it 48,000 times). */
        private volatile boolean waiting;

        /** Starts reading the file. */
        static PromptsReading start(Path prompts) {
            PromptsReading r = new PromptsReading();
            r.done = false;
            Thread.ofPlatform().name("jack-prompts").daemon().start(() -> {
                Throwable failed = null;
                try {
                    IfevalPrompt.forEach(prompts, p -> {
                        r.byKey.put(p.key(), p);
                        if (r.waiting) {
                            synchronized (r.progress) {
                                r.progress.notifyAll();
                            }
                        }
                    });
                } catch (Throwable t) {
                    failed = t;
                }
                synchronized (r.progress) {
                    r.error = failed;
                    r.done = true;
                    r.progress.notifyAll();
                }
            });
            return r;
        }

        /** The prompt with this key, or null: final only once {@link #await} or {@link #join} returned for it. */
        IfevalPrompt get(long key) {
            return byKey.get(key);
        }

        /**
         * Waits until the prompts of the rows' keys are read, or the whole file (for a row without an integer key, or
         * one the file does not have).
         *
         * @throws RuntimeException the prompts file's error, once it is known
         */
        void await(List<JsonlReader.Row> rows) {
            for (JsonlReader.Row row : rows) {
                BooleanSupplier read = () -> row.fields().get("key") instanceof Long key && byKey.containsKey(key);
                if (!read.getAsBoolean()) waitFor(read);  // read already, the usual case: no lock taken for the row
            }
            waitFor(() -> true);
        }

        /**
         * Waits until the whole file is read.
         *
         * @throws RuntimeException the prompts file's error
         */
        void join() {
            waitFor(() -> false);
        }

        /** Waits until {@code ready} holds or the file is read; then throws the file's error if it is known. */
        private void waitFor(BooleanSupplier ready) {
            synchronized (progress) {
                // Set before ready is tested: a prompt put after the test is then announced, once this thread waits.
                waiting = true;
                try {
                    while (!done && !ready.getAsBoolean()) progress.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } finally {
                    waiting = false;
                }
                if (error != null) throw Parallel.unchecked(error);
            }
        }
    }

    /** The prompts of a file by key. */
    static Map<Long, IfevalPrompt> promptsByKey(Path prompts) {
        Map<Long, IfevalPrompt> byKey = new HashMap<>();
        for (IfevalPrompt p : IfevalPrompt.readAll(prompts)) byKey.put(p.key(), p);
        return byKey;
    }
}
