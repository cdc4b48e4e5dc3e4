package dev.jack.spark;

import dev.jack.core.UserException;
import dev.jack.core.synth.SynthStats;
import dev.jack.core.synth.Synthesizer;
import dev.jack.pipeline.RunConfig;
import dev.jack.pipeline.StageContext;
import dev.jack.pipeline.stage.SynthStage;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.LongStream;

/**
 * {@code jack synth} by attempt ranges: the same prompts, keys and statistics as the single-machine run for the same
 * options. {@link Synthesizer#run} takes attempts 0, 1, ... in order and keeps a made prompt unless an earlier made
 * prompt has its hash, until it has {@code count}; so the prompts are the first {@code count} attempts, in attempt
 * order, that are the first made one of their hash. On Spark: (1) attempts 0..A-1, cut into ranges, each task one
 * range, give the made prompts' (hash, attempt); the smallest attempt per hash is kept (A grows until {@code count}
 * are kept); (2) the kept attempts are grouped by range and counted: the {@code count}-th is the cutoff and each range's
 * first key is known; (3) each range is attempted again (attempts are pure functions of the options and their number)
 * and writes its kept prompts up to the cutoff with their keys, counting what it dropped and skipped as the
 * single-machine run does. Attempts run twice: it costs CPU, not memory or a shuffle of prompts.
 */
final class SynthJob {
    private SynthJob() {}

    /** What the job made: the prompts' lines (tagged rows, in key order) and, after they are written, the statistics. */
    record Job(JavaRDD<Tuple2<String, String>> lines, CollectionAccumulator<SynthStats> stats, int count) {
        /** The whole run's statistics, from the parts the committed tasks counted. */
        SynthStats total(SynthStats empty) {
            for (SynthStats part : stats.value()) empty.merge(part);
            return empty;
        }
    }

    static Job plan(JavaSparkContext sc, ShippedConfig shipped, int partitions, TaskHook hook) {
        RunConfig c = shipped.config();
        int count = c.synth().count();
        long attempts = count + count / 16L + 64;
        JavaPairRDD<Integer, Long> kept;
        while (true) {
            kept = kept(sc, shipped, attempts, partitions).cache();
            long found = kept.count();
            if (found >= count) break;
            long last = found == 0 ? -1 : kept.values().reduce(Math::max);
            if (attempts - (last + 1) >= 10_000) {
                throw new UserException("synth: no new prompt in 10,000 attempts after " + found + ": the options leave too few distinct prompts");
            }
            kept.unpersist();
            attempts *= 2;
        }
        long total = attempts;
        // Kept attempts per range, and the cutoff: the count-th kept attempt overall.
        List<Long> perRange = kept.mapPartitions(it -> {
            long n = 0;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            return List.of(n).iterator();
        }).collect();
        long[] firstKey = new long[partitions];
        long before = 0;
        int cutRange = -1;
        long cutIndex = -1;
        for (int r = 0; r < partitions; r++) {
            firstKey[r] = 1 + before;
            if (cutRange < 0 && before + perRange.get(r) >= count) {
                cutRange = r;
                cutIndex = count - before - 1;
            }
            before += perRange.get(r);
        }
        int range = cutRange;
        long index = cutIndex;
        long cutoff = kept.mapPartitionsWithIndex((r, it) -> {
            if (r != range) return java.util.Collections.<Long>emptyIterator();
            List<Long> sorted = new ArrayList<>();
            it.forEachRemaining(t -> sorted.add(t._2()));
            sorted.sort(null);
            return List.of(sorted.get((int) index)).iterator();
        }, true).first();
        CollectionAccumulator<SynthStats> stats = sc.sc().collectionAccumulator("synth statistics");
        JavaRDD<Integer> ranges = sc.parallelize(java.util.stream.IntStream.range(0, partitions).boxed().toList(), partitions);
        JavaRDD<Tuple2<String, String>> lines = ranges.zipPartitions(kept.values(), (rangeIds, keptInRange) -> {
            if (!rangeIds.hasNext()) return java.util.Collections.emptyIterator();
            int r = rangeIds.next();
            long[] keys = keptInRange.hasNext() ? sortedArray(keptInRange) : new long[0];
            SynthStats part = new SynthStats();
            Synthesizer synthesizer = synthesizer(shipped, part, Shared.context());
            long lo = start(r, total, partitions);
            long hi = Math.min(start(r + 1, total, partitions), cutoff + 1);
            Iterator<Tuple2<String, String>> out = new Iterator<>() {
                private long attempt = lo;
                private int nextKept;
                private Tuple2<String, String> next;

                @Override
                public boolean hasNext() {
                    while (next == null && attempt < hi) {
                        long n = attempt++;
                        Synthesizer.Outcome o = synthesizer.attempt(n);
                        if (!o.made()) {
                            o.countDrop(part);
                        } else if (nextKept < keys.length && keys[nextKept] == n) {
                            var prompt = o.withKey(firstKey[r] + nextKept++);
                            part.accept(prompt);
                            next = Datasets.tagged(TaggedOutput.ROWS, prompt.toJsonLine());
                        } else {
                            part.duplicate();
                        }
                    }
                    if (next == null && attempt == hi) {
                        attempt++;
                        stats.add(part);
                    }
                    return next != null;
                }

                @Override
                public Tuple2<String, String> next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    Tuple2<String, String> t = next;
                    next = null;
                    return t;
                }
            };
            return RowJobs.watched("synth", hook, out);
        });
        return new Job(lines, stats, count);
    }

    /** The kept attempts (the first made attempt of each prompt hash) among 0..attempts-1, partitioned by range. */
    private static JavaPairRDD<Integer, Long> kept(JavaSparkContext sc, ShippedConfig shipped, long attempts, int partitions) {
        JavaRDD<Integer> ranges = sc.parallelize(java.util.stream.IntStream.range(0, partitions).boxed().toList(), partitions);
        return ranges.mapPartitions(ids -> {
            List<Tuple2<Long, Long>> made = new ArrayList<>();
            if (!ids.hasNext()) return made.iterator();
            int r = ids.next();
            Synthesizer synthesizer = synthesizer(shipped, new SynthStats(), Shared.context());
            LongStream.range(start(r, attempts, partitions), start(r + 1, attempts, partitions)).forEach(n -> {
                Synthesizer.Outcome o = synthesizer.attempt(n);
                if (o.made()) made.add(new Tuple2<>(o.promptHash(), n));
            });
            return made.iterator();
        }).mapToPair(t -> t).reduceByKey(Math::min)
                .mapToPair(t -> new Tuple2<>(rangeOf(t._2(), attempts, partitions), t._2()))
                .partitionBy(new ByRange(partitions));
    }

    /** The first attempt of range r when {@code attempts} are cut into {@code ranges} ranges. */
    private static long start(int r, long attempts, int ranges) {
        return Math.floorDiv(attempts * r, ranges);
    }

    private static int rangeOf(long attempt, long attempts, int ranges) {
        int r = (int) Math.min(ranges - 1, attempt * ranges / attempts);
        while (r > 0 && start(r, attempts, ranges) > attempt) r--;
        while (r + 1 < ranges && start(r + 1, attempts, ranges) <= attempt) r++;
        return r;
    }

    private static long[] sortedArray(Iterator<Long> in) {
        List<Long> all = new ArrayList<>();
        in.forEachRemaining(all::add);
        return all.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** The run's synthesizers, prepared once per JVM (evaluation prompts loaded once). */
    private static final java.util.Map<ShippedConfig, java.util.function.Function<SynthStats, Synthesizer>> SYNTHESIZERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The run's synthesizer counting into {@code stats} (each task makes its own), prepared with {@code context}'s
     * environment the first time in this JVM.
     */
    static Synthesizer synthesizer(ShippedConfig shipped, SynthStats stats, StageContext context) {
        return SYNTHESIZERS.computeIfAbsent(shipped, s -> new SynthStage(null, null, null, s.config().synth(), 1).synthesizers(context)).apply(stats);
    }

    /** Partitions (range, attempt) pairs by their range. */
    private static final class ByRange extends Partitioner {
        private final int ranges;

        ByRange(int ranges) {
            this.ranges = ranges;
        }

        @Override
        public int numPartitions() {
            return ranges;
        }

        @Override
        public int getPartition(Object key) {
            return (Integer) key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ByRange b && b.ranges == ranges;
        }

        @Override
        public int hashCode() {
            return ranges;
        }
    }
}
