package dev.jack.core;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * Every way Jack derives one seed from another. Each formula is kept exactly as it was first written, because
 * files already made with it (samples, synthesized prompts, pairs) are reproduced byte for byte from their
 * seeds; a new use should take an existing function, not a new mixer. The constants are SplitMix64's (the
 * golden-ratio increment {@code 0x9E3779B97F4A7C15} and the two finalizer multipliers).
 */
public final class Seeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long MIX1 = 0xBF58476D1CE4E5B9L;
    private static final long MIX2 = 0x94D049BB133111EBL;

    private Seeds() {}

    /**
     * The seed of one sampled row of {@code jack sample}, in [0, 2^31): depends only on the base seed, the prompt key and
     * the sample index, so a resumed run sends each row the seed it would have had. Tree search uses index 0 as the
     * prompt's seed.
     */
    public static long row(long seed, long key, int index) {
        long z = seed * GOLDEN + key * MIX1 + index * MIX2;
        z = (z ^ (z >>> 31)) * MIX1;
        return (z ^ (z >>> 29)) & 0x7FFFFFFFL;
    }

    /** The seed of synthesis attempt {@code n}: the SplitMix64 finalizer over (seed, n); any 64-bit value. */
    public static long attempt(long seed, long n) {
        long z = seed * GOLDEN + n * MIX1 + MIX2;
        z = (z ^ (z >>> 30)) * MIX1;
        z = (z ^ (z >>> 27)) * MIX2;
        return z ^ (z >>> 31);
    }

    /** The seed of the {@code call}-th model call (1-based) of one tree search, in [0, 2^31). */
    public static long call(long searchSeed, long call) {
        long z = searchSeed * GOLDEN + call * MIX1;
        z = (z ^ (z >>> 31)) * MIX2;
        return (z ^ (z >>> 29)) & 0x7FFFFFFFL;
    }

    /** The seed of one prompt's choices among equal rewards in rejection sampling (not mixed: SplittableRandom mixes it). */
    public static long prompt(long seed, long key) {
        return seed * GOLDEN + key;
    }

    /**
     * A number in [0, 1) from a seed and a value (MurmurHash3's 64-bit finalizer), for choices that must not depend on
     * the order values come in, such as which base tasks go to the test split.
     */
    public static double unit(long seed, int value) {
        long z = seed * GOLDEN + value;
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        z ^= z >>> 33;
        return (z >>> 11) * 0x1.0p-53;
    }

    /** The generator {@code Collections.shuffle} takes for a seeded draw (the ablation subsets, the report's sample of pairs). */
    public static Random shuffler(long seed) {
        return new Random(new SplittableRandom(seed).nextLong());
    }
}
