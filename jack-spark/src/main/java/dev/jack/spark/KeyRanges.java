package dev.jack.spark;

import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Partitions rows by ranges of their prompt key, so that all rows of a key (a prompt and its samples) are in one
 * partition and the partitions are in key order; the bounds come from a sample of the keys, as Spark's range
 * partitioner finds them (a uniform sample of each input partition, reservoir sampling with a fixed seed), so that the
 * partitions hold about as many keys each.
 */
final class KeyRanges extends Partitioner {
    /** Keys sampled per input partition. */
    private static final int SAMPLE = 200;

    /** bounds[i]: the largest key of partition i (the last partition takes the rest). */
    private final long[] bounds;

    private KeyRanges(long[] bounds) {
        this.bounds = bounds;
    }

    /** About {@code partitions} ranges from a sample of the keys (fewer when there are fewer distinct keys). */
    static KeyRanges of(JavaRDD<Long> keys, int partitions) {
        List<long[]> samples = keys.mapPartitionsWithIndex((index, it) -> {
            SplittableRandom random = new SplittableRandom(index);
            long[] reservoir = new long[SAMPLE];
            long seen = 0;
            while (it.hasNext()) {
                long k = it.next();
                if (seen < SAMPLE) reservoir[(int) seen] = k;
                else {
                    long j = random.nextLong(seen + 1);
                    if (j < SAMPLE) reservoir[(int) j] = k;
                }
                seen++;
            }
            // The partition's size weighs its sample: each sampled key stands for seen / sampled keys.
            long[] out = Arrays.copyOf(reservoir, (int) Math.min(seen, SAMPLE) + 1);
            out[out.length - 1] = seen;
            return List.of(out).iterator();
        }, true).collect();
        record Weighted(long key, double weight) {}
        List<Weighted> weighted = new ArrayList<>();
        double total = 0;
        for (long[] s : samples) {
            int n = s.length - 1;
            if (n == 0) continue;
            for (int i = 0; i < n; i++) weighted.add(new Weighted(s[i], (double) s[n] / n));
            total += s[n];
        }
        weighted.sort(java.util.Comparator.comparingLong(Weighted::key));
        List<Long> bounds = new ArrayList<>();
        double step = total / partitions;
        double cumulative = 0;
        double target = step;
        for (Weighted w : weighted) {
            cumulative += w.weight();
            long key = w.key();
            if (cumulative >= target && bounds.size() < partitions - 1 && (bounds.isEmpty() || key > bounds.getLast())) {
                bounds.add(key);
                target += step;
            }
        }
        return new KeyRanges(bounds.stream().mapToLong(Long::longValue).toArray());
    }

    @Override
    public int numPartitions() {
        return bounds.length + 1;
    }

    @Override
    public int getPartition(Object row) {
        long key = ((Datasets.Keyed) row).key();
        int i = Arrays.binarySearch(bounds, key);
        return i >= 0 ? i : -i - 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRanges k && Arrays.equals(k.bounds, bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }
}
