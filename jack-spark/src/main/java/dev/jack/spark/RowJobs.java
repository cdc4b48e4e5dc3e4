package dev.jack.spark;

import dev.jack.core.Parallel;
import dev.jack.core.curate.Flaw;
import dev.jack.core.curate.Mcts;
import dev.jack.core.curate.RejectionSampling;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.PassRates;
import dev.jack.core.data.PreferencePair;
import dev.jack.core.data.Sample;
import dev.jack.core.data.ScoredSample;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.json.PyJson;
import dev.jack.judge.CritiqueJudge;
import dev.jack.judge.Templates;
import dev.jack.llm.Backend;
import dev.jack.llm.GenerationException;
import dev.jack.llm.OpenAiBackend;
import dev.jack.pipeline.RunConfig;
import dev.jack.pipeline.stage.MctsStage;
import dev.jack.pipeline.stage.RsStage;
import dev.jack.pipeline.stage.SampleStage;
import dev.jack.pipeline.stage.ScoreStage;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;

/**
 * The row-parallel stages as Spark tasks: each turns its partition of {@link Datasets.Keyed} rows (ordered by key,
 * tag, index) into tagged output lines ({@link TaggedOutput}) with the pipeline's own per-row functions, so that a row
 * is the same bytes as in the single-machine run. Input a row cannot be read from becomes an {@code error} line (the
 * driver reports the first; a task does not fail on bad input, so it is not retried in vain).
 */
final class RowJobs {
    /** The tag of input rows that could not be read: their error messages. */
    static final String ERROR = "error";

    private RowJobs() {}

    /**
     * Counts a job's rows and failures; Spark applies a successful task's counts once, a failed attempt's never. A task
     * counts from its worker threads, and a {@link LongAccumulator} is not thread-safe (concurrent adds lose counts), so
     * tasks count through {@link #row} and {@link #failure}.
     */
    record Counts(LongAccumulator rows, LongAccumulator failed) implements java.io.Serializable {
        void row() {
            synchronized (rows) {
                rows.add(1);
            }
        }

        void failure() {
            synchronized (failed) {
                failed.add(1);
            }
        }
    }

    /**
     * {@code jack sample}: n rows per prompt (tag 0 rows: key, prompt), each its own request with its own seed
     * ({@link SampleStage#request}), at most {@code max(2 × in flight, 16)} requests in flight per task; rows in
     * (key, sample index) order; a row whose attempts ran out is a {@link TaggedOutput#FAILED} line.
     *
     * @param only the rows to make, as "key/sample_index" (null: all)
     */
    static JavaRDD<Tuple2<String, String>> sample(JavaRDD<Datasets.Keyed> prompts, Broadcast<Set<String>> only, ShippedConfig shipped, TaskHook hook,
                                                  Counts counts) {
        return prompts.mapPartitions(rows -> {
            RunConfig c = shipped.config();
            SampleStage stage = new SampleStage(null, null, c.sample(), c.model());
            int n = c.sample().n();
            Iterator<Item> items = new Iterator<>() {
                private Item prompt;
                private int index;

                @Override
                public boolean hasNext() {
                    while (prompt == null || index >= n) {
                        if (!rows.hasNext()) return false;
                        prompt = item(rows.next());
                        index = 0;
                        if (prompt.error != null) return true;
                    }
                    return true;
                }

                @Override
                public Item next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    if (prompt.error != null) {
                        Item error = prompt;
                        prompt = null;
                        return error;
                    }
                    return new Item(prompt.key, index++, prompt.prompt, null);
                }
            };
            Iterator<Item> wanted = only == null ? items : filter(items, it -> it.error != null || only.value().contains(Retry.id(it.key, it.index)));
            Iterator<Tuple2<String, String>> out = Parallel.mapOrdered(wanted, Math.max(2 * c.model().inFlight(), 16), it -> {
                if (it.error != null) return Datasets.tagged(ERROR, it.error);
                Backend backend = Shared.backend(c.model(), c.sample().endpoint());
                try {
                    Sample s = stage.row(it.key, it.index, it.prompt, backend.generate(stage.request(it.key, it.index, it.prompt)).join());
                    counts.row();
                    return Datasets.tagged(TaggedOutput.ROWS, PyJson.dumps(s.toJson()));
                } catch (CompletionException e) {
                    counts.failure();
                    return Datasets.tagged(TaggedOutput.FAILED, PyJson.dumps(SampleStage.failure(it.key, it.index, e)));
                }
            });
            return watched("sample", hook, out);
        });
    }

    /** A sample to make, or a prompt row that could not be read (its error). */
    private record Item(long key, int index, String prompt, String error) {}

    private static Item item(Datasets.Keyed row) {
        if (row.key() == Datasets.UNREADABLE) return new Item(0, 0, null, row.line());
        try {
            JsonlReader.Row r = Datasets.parse(row.at(), row.line());
            return new Item(r.integer("key"), 0, r.string("prompt"), null);
        } catch (DataFileException e) {
            return new Item(0, 0, null, e.getMessage());
        }
    }

    /** The tag of each prompt's pass rates over its samples ({@code OUT.pass_rates.jsonl}'s rows), from score. */
    static final String PASS_RATES = "pass_rates";

    /**
     * {@code jack score}: each sample (tag 1) scored against its prompt (tag 0, which comes first among its key's rows),
     * or with a labels field against the labels on the sample row, else on its prompt's row, by
     * {@link ScoreStage.Scorer#score}; rows in (key, sample index) order, and after a key's samples its pass rates
     * ({@link #PASS_RATES}).
     *
     * @param prompts the prompts' location, named in the error of a sample whose prompt is missing
     * @param tallies each task's tally, once it has scored its rows
     */
    static JavaRDD<Tuple2<String, String>> score(JavaRDD<Datasets.Keyed> promptsAndSamples, String prompts, ShippedConfig shipped, TaskHook hook,
                                                 CollectionAccumulator<ScoreStage.Tally> tallies) {
        return promptsAndSamples.mapPartitions(rows -> {
            RunConfig c = shipped.config();
            ScoreStage.Scorer scorer = new ScoreStage.Scorer(c.score(), prompts, new Verifier(Shared.text(c.score().punktDir())));
            boolean labelled = c.score().labelsField() != null;
            ScoreStage.Tally[] tally = {ScoreStage.Tally.NONE};
            List<Tuple2<String, String>> pending = new ArrayList<>();
            Iterator<Tuple2<String, String>> out = new Iterator<>() {
                private long promptKey = Datasets.UNREADABLE;
                private IfevalPrompt prompt;
                private JsonlReader.Row promptRow;
                private final List<ScoredSample> group = new ArrayList<>();

                @Override
                public boolean hasNext() {
                    while (pending.isEmpty() && rows.hasNext()) take(rows.next());
                    if (pending.isEmpty()) closeGroup();
                    return !pending.isEmpty();
                }

                @Override
                public Tuple2<String, String> next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    return pending.removeFirst();
                }

                private void take(Datasets.Keyed row) {
                    if (!group.isEmpty() && group.getFirst().sample().key() != row.key()) closeGroup();
                    if (row.key() == Datasets.UNREADABLE) {
                        pending.add(Datasets.tagged(ERROR, row.line()));
                        return;
                    }
                    try {
                        JsonlReader.Row r = Datasets.parse(row.at(), row.line());
                        if (row.tag() == 0) {
                            // With labels, a prompt row is read only for the labels of samples without their own.
                            promptKey = row.key();
                            prompt = labelled ? null : IfevalPrompt.fromRow(r);
                            promptRow = labelled ? r : null;
                            return;
                        }
                        Sample sample = Sample.read(r);
                        boolean mine = promptKey == sample.key();
                        ScoreStage.Scored scored = scorer.score(r, sample, mine ? prompt : null, mine ? promptRow : null);
                        group.add(scored.row());
                        tally[0] = tally[0].plus(scored.outcome());
                        pending.add(Datasets.tagged(TaggedOutput.ROWS, scored.line()));
                    } catch (DataFileException e) {
                        pending.add(Datasets.tagged(ERROR, e.getMessage()));
                    }
                }

                /** The pass rates of the key whose samples were just scored. */
                private void closeGroup() {
                    if (group.isEmpty()) return;
                    PassRates rates = PassRates.of(group);
                    tally[0] = tally[0].plus(rates);
                    pending.add(Datasets.tagged(PASS_RATES, PyJson.dumps(rates.toJson())));
                    group.clear();
                }
            };
            return watched("score", hook, onEnd(out, () -> tallies.add(tally[0])));
        });
    }

    /**
     * What rejection sampling did in a task: prompts, prompts without a pair, pairs under the quality floor, samples
     * and their generated tokens, pairs, and samples kept from being chosen by flaw label.
     */
    record RsTally(long prompts, long withoutPair, long belowFloor, long samples, long generatedTokens, long pairs, Map<String, Integer> excluded)
            implements java.io.Serializable {
        static final RsTally NONE = new RsTally(0, 0, 0, 0, 0, 0, Flaw.counts(Map.of()));

        RsTally plus(RejectionSampling.Curated c) {
            return plus(new RsTally(c.prompts(), c.withoutPair(), c.belowFloor(), c.samples(), c.generatedTokens(), c.pairs().size(),
                    Flaw.counts(c.excluded())));
        }

        RsTally plus(RsTally t) {
            Map<String, Integer> sum = new LinkedHashMap<>(excluded);
            t.excluded.forEach((flaw, n) -> sum.merge(flaw, n, Integer::sum));
            return new RsTally(prompts + t.prompts, withoutPair + t.withoutPair, belowFloor + t.belowFloor, samples + t.samples,
                    generatedTokens + t.generatedTokens, pairs + t.pairs, sum);
        }
    }

    /**
     * {@code jack curate rs}: the scored samples of each key (consecutive, in sample index order) paired by the
     * stage's options ({@link RsStage.Options#curate}), with the judge's scores when a quality floor asks for them
     * ({@link RsStage#judgeScore}, each sample scored once); pairs in key order.
     *
     * @param tallies each task's tally, once it has paired its rows
     */
    static JavaRDD<Tuple2<String, String>> rs(JavaRDD<Datasets.Keyed> scored, ShippedConfig shipped, TaskHook hook,
                                              CollectionAccumulator<RsTally> tallies) {
        return scored.mapPartitions(rows -> {
            RunConfig c = shipped.config();
            boolean judged = c.rs().qualityFloor() != null;
            RsStage stage = new RsStage(null, null, c.rs(), judged ? c.judge() : null);
            CritiqueJudge judge = judged ? new CritiqueJudge(Shared.backend(c.judge(), OpenAiBackend.Endpoint.CHAT), new Templates(null), 1, 10, 0.0, 1024)
                    : null;
            RsTally[] tally = {RsTally.NONE};
            List<Tuple2<String, String>> pending = new ArrayList<>();
            Iterator<Tuple2<String, String>> out = new Iterator<>() {
                private Datasets.Keyed next = rows.hasNext() ? rows.next() : null;

                @Override
                public boolean hasNext() {
                    while (pending.isEmpty() && next != null) pending.addAll(group());
                    return !pending.isEmpty();
                }

                @Override
                public Tuple2<String, String> next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    return pending.removeFirst();
                }

                /** The lines of the next key's rows: its pairs, or the errors of rows that could not be read. */
                private List<Tuple2<String, String>> group() {
                    long key = next.key();
                    List<ScoredSample> samples = new ArrayList<>();
                    List<Tuple2<String, String>> errors = new ArrayList<>();
                    while (next != null && next.key() == key) {
                        if (key == Datasets.UNREADABLE) {
                            errors.add(Datasets.tagged(ERROR, next.line()));
                        } else {
                            try {
                                samples.add(RsStage.readRow(Datasets.parse(next.at(), next.line())));
                            } catch (DataFileException e) {
                                errors.add(Datasets.tagged(ERROR, e.getMessage()));
                            }
                        }
                        next = rows.hasNext() ? rows.next() : null;
                    }
                    if (!errors.isEmpty() || samples.isEmpty()) return errors;
                    Map<Long, List<ScoredSample>> byKey = new LinkedHashMap<>();
                    byKey.put(key, samples);
                    java.util.function.ToDoubleFunction<ScoredSample> score = null;
                    if (judge != null) {
                        Map<ScoredSample, Double> scores = new java.util.IdentityHashMap<>();
                        for (ScoredSample s : samples) scores.put(s, stage.judgeScore(judge, s));
                        score = scores::get;
                    }
                    RejectionSampling.Curated curated = c.rs().curate(byKey, c.rs().contrast(), score, c.rs().qualityFloor());
                    tally[0] = tally[0].plus(curated);
                    return curated.pairs().stream().map(p -> Datasets.tagged(TaggedOutput.ROWS, PyJson.dumps(p.toJson(c.rs().format())))).toList();
                }
            };
            return watched("rs", hook, onEnd(out, () -> tallies.add(tally[0])));
        });
    }

    /** The tag of a searched prompt's costs (one line per prompt: its tally), from which curate mcts's statistics are added up. */
    static final String SEARCHED = "searched";

    /**
     * {@code jack curate mcts}: each prompt's tree search ({@link MctsStage#search}), {@code parallel_prompts} at once per
     * task, through the completions endpoint; pairs in key order with their search's cost, a {@link #SEARCHED} line with
     * each prompt's tally, and a {@link TaggedOutput#FAILED} line (key, reason) for a prompt whose search failed.
     *
     * @param only the prompts to search, as {@link Retry#id} (null: all)
     * @param last the largest key to search (the config's limit: the first prompts by key), or null for all
     */
    static JavaRDD<Tuple2<String, String>> mcts(JavaRDD<Datasets.Keyed> prompts, Broadcast<Set<String>> only, Long last, ShippedConfig shipped,
                                                TaskHook hook, Counts counts) {
        return prompts.mapPartitions(rows -> {
            RunConfig c = shipped.config();
            MctsStage stage = new MctsStage(null, null, c.mcts(), c.model(), c.parallelPrompts());
            Mcts.Settings settings = c.mcts().settings();
            Verifier verifier = new Verifier(Shared.text(c.mcts().punktDir()));
            Iterator<Datasets.Keyed> wanted = filter(rows, r -> r.key() == Datasets.UNREADABLE
                    || (last == null || r.key() <= last) && (only == null || only.value().contains(Retry.id(r.key(), null))));
            Iterator<List<Tuple2<String, String>>> searched = Parallel.mapOrdered(wanted, c.parallelPrompts(), row -> {
                if (row.key() == Datasets.UNREADABLE) return List.of(Datasets.tagged(ERROR, row.line()));
                IfevalPrompt p;
                try {
                    p = IfevalPrompt.fromRow(Datasets.parse(row.at(), row.line()));
                } catch (DataFileException e) {
                    return List.of(Datasets.tagged(ERROR, e.getMessage()));
                }
                try {
                    Set<String> checkerErrors = java.util.concurrent.ConcurrentHashMap.newKeySet();
                    MctsStage.Searched s = stage.search(Shared.backend(c.model(), OpenAiBackend.Endpoint.COMPLETIONS), verifier, settings, p, checkerErrors);
                    List<Tuple2<String, String>> lines = new ArrayList<>();
                    for (PreferencePair pair : MctsStage.priced(s)) lines.add(Datasets.tagged(TaggedOutput.ROWS, PyJson.dumps(pair.toJson(c.mcts().format()))));
                    lines.add(Datasets.tagged(SEARCHED, PyJson.dumps(tallyJson(MctsStage.Tally.NONE.plus(s), checkerErrors))));
                    counts.row();
                    return lines;
                } catch (CompletionException | GenerationException | IllegalStateException e) {
                    counts.failure();
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("key", p.key());
                    f.put("reason", String.valueOf(cause.getMessage()));
                    return List.of(Datasets.tagged(TaggedOutput.FAILED, PyJson.dumps(f)));
                }
            });
            return watched("mcts", hook, flatten(searched));
        });
    }

    /** A tally as a JSON line's fields, with the search's checks that could not run (sorted) when there are any. */
    static Map<String, Object> tallyJson(MctsStage.Tally t, Set<String> checkerErrors) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prompts", t.prompts());
        m.put("without_pair", t.withoutPair());
        m.put("shared_prefix_pairs", t.sharedPrefixPairs());
        m.put("root_pairs", t.rootPairs());
        m.put("llm_calls", t.calls());
        m.put("generated_tokens", t.tokens());
        m.put("excluded_from_chosen", t.excluded());
        if (!checkerErrors.isEmpty()) m.put("checker_errors", checkerErrors.stream().sorted().toList());
        return m;
    }

    /** The checks that could not run in a tally's search, from its JSON line. */
    static List<String> checkerErrors(String line) {
        Map<?, ?> m = (Map<?, ?>) dev.jack.core.json.Json.parse(line);
        return m.get("checker_errors") instanceof List<?> errors ? errors.stream().map(String::valueOf).toList() : List.of();
    }

    /** A tally from its JSON line. */
    static MctsStage.Tally tally(String line) {
        Map<?, ?> m = (Map<?, ?>) dev.jack.core.json.Json.parse(line);
        Map<String, Integer> excluded = new LinkedHashMap<>();
        ((Map<?, ?>) m.get("excluded_from_chosen")).forEach((flaw, n) -> excluded.put((String) flaw, ((Long) n).intValue()));
        return new MctsStage.Tally((Long) m.get("prompts"), (Long) m.get("without_pair"), (Long) m.get("shared_prefix_pairs"),
                (Long) m.get("root_pairs"), (Long) m.get("llm_calls"), (Long) m.get("generated_tokens"), excluded);
    }

    private static <T> Iterator<T> flatten(Iterator<List<T>> lists) {
        return new Iterator<>() {
            private Iterator<T> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && lists.hasNext()) current = lists.next().iterator();
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) throw new NoSuchElementException();
                return current.next();
            }
        };
    }

    /** The lines a task hands over, each reported to the hook with the task's stage, partition and attempt. */
    static Iterator<Tuple2<String, String>> watched(String stage, TaskHook hook, Iterator<Tuple2<String, String>> lines) {
        TaskContext task = TaskContext.get();
        int partition = task.partitionId();
        int attempt = task.attemptNumber();
        return new Iterator<>() {
            private long made;

            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public Tuple2<String, String> next() {
                Tuple2<String, String> line = lines.next();
                hook.row(stage, partition, attempt, ++made);
                return line;
            }
        };
    }

    /** The iterator, running {@code end} once when it is found to have no more elements. */
    private static <T> Iterator<T> onEnd(Iterator<T> in, Runnable end) {
        return new Iterator<>() {
            private boolean ended;

            @Override
            public boolean hasNext() {
                boolean more = in.hasNext();
                if (!more && !ended) {
                    ended = true;
                    end.run();
                }
                return more;
            }

            @Override
            public T next() {
                if (!hasNext()) throw new NoSuchElementException();
                return in.next();
            }
        };
    }

    /** The iterator without its null elements. */
    private static <T> Iterator<T> skipNulls(Iterator<T> in) {
        return filter(in, java.util.Objects::nonNull);
    }

    /** The elements the test accepts, null never. */
    private static <T> Iterator<T> filter(Iterator<T> in, java.util.function.Predicate<T> test) {
        return new Iterator<>() {
            private T next;

            @Override
            public boolean hasNext() {
                while (next == null && in.hasNext()) {
                    T t = in.next();
                    if (t != null && test.test(t)) next = t;
                }
                return next != null;
            }

            @Override
            public T next() {
                if (!hasNext()) throw new NoSuchElementException();
                T t = next;
                next = null;
                return t;
            }
        };
    }
}
