package dev.jack.llm.engine;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from logits: greedy at temperature 0, otherwise top-k, then top-p, then min-p
 * (llama.cpp's order), then a seeded draw from the softmax at the temperature. The same seed and
 * logits always give the same token.
 */
public final class Sampler {
    /**
     * Sampling settings; topK 0, topP 1 and minP 0 disable those filters.
     *
     * @throws IllegalArgumentException for a temperature that is negative, NaN or infinite, or a filter out of range
     */
    public record Settings(double temperature, int topK, double topP, double minP, long seed) {
        public Settings {
            // NaN would make every weight NaN and the draw always pick the last candidate, whatever the seed.
            if (!(temperature >= 0 && temperature < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("temperature must be a finite number of at least 0, got " + temperature);
            }
            if (topK < 0) throw new IllegalArgumentException("top_k must be at least 0");
            if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top_p must be in (0, 1]");
            if (!(minP >= 0 && minP < 1)) throw new IllegalArgumentException("min_p must be in [0, 1)");
        }

        public static Settings greedy() {
            return new Settings(0, 0, 1, 0, 0);
        }
    }

    private final Settings settings;
    private final SplittableRandom random;

    public Sampler(Settings settings) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
    }

    /**
     * The arrays of a draw, kept by each thread for its next draws: over a 128,256-entry vocabulary a draw would
     * otherwise allocate some 3 MB (the weights and the sort's keys and ids), the most a serving JVM allocated. The
     * sort's arrays are made only for draws that sort the vocabulary (no top-k).
     */
    private static final class Scratch {
        double[] weights = new double[0];
        int[] keys = new int[0];
        int[] order = new int[0];
        int[] keysOut = new int[0];
        int[] orderOut = new int[0];
        final int[] counts = new int[(1 << DIGIT_BITS) + 1];

        /** Room for {@code n} weights. */
        void weights(int n) {
            if (weights.length < n) weights = new double[n];
        }

        /** Room to sort {@code n} ids. */
        void sort(int n) {
            if (keys.length >= n) return;
            keys = new int[n];
            order = new int[n];
            keysOut = new int[n];
            orderOut = new int[n];
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** The first {@code count} of {@code ids} survive the filters, by falling logit (ties by id). */
    private record Candidates(int[] ids, int count) {}

    public int next(float[] logits) {
        if (settings.temperature() == 0) return argmax(logits);
        Scratch scratch = SCRATCH.get();
        scratch.weights(logits.length);
        Candidates c = candidates(logits, scratch);
        int[] ids = c.ids();
        int count = c.count();
        double max = logits[ids[0]];
        double[] weights = scratch.weights;
        double total = 0;
        for (int i = 0; i < count; i++) {
            weights[i] = Math.exp((logits[ids[i]] - max) / settings.temperature());
            total += weights[i];
        }
        double draw = random.nextDouble() * total;
        for (int i = 0; i < count; i++) {
            draw -= weights[i];
            if (draw < 0) return ids[i];
        }
        return ids[count - 1];
    }

    static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
        return best;
    }

    /** Token ids that survive the filters, by falling logit (ties by id); never empty. */
    private Candidates candidates(float[] logits, Scratch scratch) {
        // With top-k only the k best are ordered; a full sort of a 128k vocabulary per token would cost more.
        int[] order = settings.topK() > 0 ? topIds(logits, settings.topK()) : byFallingLogit(logits, scratch);
        int keep = settings.topK() > 0 ? order.length : logits.length;
        if (settings.topP() < 1 || settings.minP() > 0) {
            double max = logits[order[0]];
            double total = 0;
            double[] p = scratch.weights;
            for (int i = 0; i < keep; i++) total += p[i] = Math.exp(logits[order[i]] - max);
            double cumulative = 0;
            int kept = 0;
            while (kept < keep) {
                double probability = p[kept] / total;
                if (kept > 0 && probability < settings.minP() * (p[0] / total)) break;
                cumulative += probability;
                kept++;
                if (cumulative >= settings.topP()) break;
            }
            keep = kept;
        }
        return new Candidates(order, keep);
    }

    /** The k ids with the highest logits, highest first (ties by id), without sorting the vocabulary. */
    public static int[] topIds(float[] logits, int k) {
        k = Math.min(k, logits.length);
        int[] best = new int[k];
        int size = 0;
        for (int id = 0; id < logits.length; id++) {
            if (size == k && logits[id] <= logits[best[k - 1]]) continue;
            int at = size < k ? size++ : k - 1;
            while (at > 0 && logits[best[at - 1]] < logits[id]) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = id;
        }
        return best;
    }

    /** Bits of the sort key taken per radix pass (three passes cover 32 bits). */
    private static final int DIGIT_BITS = 11;

    /**
     * Ids by falling logit, ties by id: a stable least-significant-digit radix sort of the ids by a key that orders
     * as the logits fall (a 128,256-entry vocabulary in about a third of the time of sorting (key, id) longs; a pass
     * whose digit is the same for every id is skipped).
     */
    static int[] byFallingLogit(float[] logits) {
        return Arrays.copyOf(byFallingLogit(logits, new Scratch()), logits.length);
    }

    /** {@link #byFallingLogit(float[])} in the scratch's arrays: the result is one of them (its first logits.length ids). */
    private static int[] byFallingLogit(float[] logits, Scratch scratch) {
        int n = logits.length;
        scratch.sort(n);
        int[] keys = scratch.keys;
        int[] order = scratch.order;
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToIntBits(logits[i]);
            int ascending = bits >= 0 ? bits : bits ^ 0x7fffffff;
            keys[i] = ~ascending ^ Integer.MIN_VALUE;  // unsigned order of the key: falling logits
            order[i] = i;
        }
        int[] keysOut = scratch.keysOut;
        int[] orderOut = scratch.orderOut;
        int[] counts = scratch.counts;
        for (int shift = 0; shift < 32; shift += DIGIT_BITS) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) counts[(keys[i] >>> shift & (1 << DIGIT_BITS) - 1) + 1]++;
            if (counts[(keys[0] >>> shift & (1 << DIGIT_BITS) - 1) + 1] == n) continue;
            for (int d = 1; d < counts.length; d++) counts[d] += counts[d - 1];
            for (int i = 0; i < n; i++) {
                int at = counts[keys[i] >>> shift & (1 << DIGIT_BITS) - 1]++;
                keysOut[at] = keys[i];
                orderOut[at] = order[i];
            }
            int[] t = keys;
            keys = keysOut;
            keysOut = t;
            t = order;
            order = orderOut;
            orderOut = t;
        }
        return order;
    }
}
