package dev.jack.llm.engine;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplerTest {
    /** Logits of the probabilities 0.5, 0.3, 0.15, 0.05 at temperature 1, out of order. */
    private static final float[] LOGITS = {(float) Math.log(0.15), (float) Math.log(0.5), (float) Math.log(0.05), (float) Math.log(0.3)};

    private static Set<Integer> drawn(Sampler.Settings settings, int draws) {
        Sampler sampler = new Sampler(settings);
        Set<Integer> seen = new TreeSet<>();
        for (int i = 0; i < draws; i++) seen.add(sampler.next(LOGITS));
        return seen;
    }

    @Test
    void eachFilterKeepsExactlyTheTokensItShould() {
        assertEquals(Set.of(1), drawn(Sampler.Settings.greedy(), 50));
        assertEquals(Set.of(0, 1, 2, 3), drawn(new Sampler.Settings(1, 0, 1, 0, 1), 2000));
        assertEquals(Set.of(1, 3), drawn(new Sampler.Settings(1, 2, 1, 0, 2), 2000), "top-k 2");
        assertEquals(Set.of(1, 3), drawn(new Sampler.Settings(1, 0, 0.8, 0, 3), 2000), "top-p 0.8 stops once 0.5 + 0.3 is reached");
        assertEquals(Set.of(1, 3, 0), drawn(new Sampler.Settings(1, 0, 1, 0.2, 4), 2000), "min-p 0.2 drops what is under 0.1");
    }

    @Test
    void drawsFollowTheDistributionAndTheSeed() {
        Sampler sampler = new Sampler(new Sampler.Settings(1, 0, 1, 0, 9));
        int[] counts = new int[4];
        for (int i = 0; i < 20000; i++) counts[sampler.next(LOGITS)]++;
        assertEquals(0.5, counts[1] / 20000.0, 0.02);
        assertEquals(0.3, counts[3] / 20000.0, 0.02);
        int[] first = new int[20];
        int[] again = new int[20];
        Sampler a = new Sampler(new Sampler.Settings(0.7, 3, 0.9, 0.05, 42));
        Sampler b = new Sampler(new Sampler.Settings(0.7, 3, 0.9, 0.05, 42));
        for (int i = 0; i < 20; i++) {
            first[i] = a.next(LOGITS);
            again[i] = b.next(LOGITS);
        }
        assertArrayEquals(first, again);
    }

    @Test
    void topIdsAreTheBestInOrderWithTiesById() {
        assertArrayEquals(new int[] {1, 3, 0}, Sampler.topIds(LOGITS, 3));
        assertArrayEquals(new int[] {2, 0, 1}, Sampler.topIds(new float[] {1f, 1f, 2f, 0f}, 3));
        assertArrayEquals(Sampler.byFallingLogit(LOGITS), Sampler.topIds(LOGITS, 10));
    }

    /** The radix sort orders as sorting (key, id) pairs does: falling logits, ties by id, signed zeros and infinities apart. */
    @Test
    void byFallingLogitSortsAsAPairSortDoes() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        float[] logits = new float[128_256];
        // Few distinct values (many ties), both signs, both zeros, infinities.
        for (int i = 0; i < logits.length; i++) logits[i] = (float) Math.round(random.nextGaussian() * 300) / 16;
        logits[7] = -0f;
        logits[9] = Float.POSITIVE_INFINITY;
        logits[11] = Float.NEGATIVE_INFINITY;
        logits[13] = 1e-30f;
        logits[15] = -1e30f;
        long[] pairs = new long[logits.length];
        for (int i = 0; i < logits.length; i++) {
            int bits = Float.floatToIntBits(logits[i]);
            pairs[i] = ((long) ~(bits >= 0 ? bits : bits ^ 0x7fffffff) << 32) | i;
        }
        java.util.Arrays.sort(pairs);
        int[] expected = java.util.Arrays.stream(pairs).mapToInt(p -> (int) p).toArray();
        assertArrayEquals(expected, Sampler.byFallingLogit(logits));
        assertEquals(9, expected[0]);
        assertEquals(11, expected[expected.length - 1]);
        assertArrayEquals(new int[] {2, 0, 1}, Sampler.byFallingLogit(new float[] {0f, -0f, 1f}), "+0 before -0");
    }

    /** Draws reuse a thread's arrays: a smaller vocabulary after a larger one draws as a fresh thread does. */
    @Test
    void drawsDoNotDependOnEarlierDrawsOfTheThread() throws InterruptedException {
        float[] large = new float[1000];
        for (int i = 0; i < large.length; i++) large[i] = (float) Math.sin(i);
        int[] here = new int[40];
        int[] fresh = new int[40];
        Sampler.Settings[] settings = {new Sampler.Settings(0.8, 0, 1, 0, 3), new Sampler.Settings(1.3, 0, 0.7, 0.01, 3)};
        for (Sampler.Settings s : settings) {
            new Sampler(s).next(large);
            Sampler a = new Sampler(s);
            for (int i = 0; i < here.length; i++) here[i] = a.next(LOGITS);
            Thread t = new Thread(() -> {
                Sampler b = new Sampler(s);
                for (int i = 0; i < fresh.length; i++) fresh[i] = b.next(LOGITS);
            });
            t.start();
            t.join();
            assertArrayEquals(fresh, here);
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Sampler.Settings(-1, 0, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Sampler.Settings(1, 0, 0, 0, 0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sampler.Settings(1, -2, 1, 0, 0)).getMessage().contains("top_k"));
    }

    /** Issue 13: NaN (or an infinite) temperature would make every draw pick the same token whatever the seed; it is refused. */
    @Test
    void nanAndInfiniteTemperaturesAreRefused() {
        for (double t : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.5}) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Sampler.Settings(t, 0, 1, 0, 1), String.valueOf(t));
        }
    }
}
