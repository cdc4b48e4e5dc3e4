package dev.jack.core.text;

/**
 * java.util.Random's exact sequence (48-bit LCG, nextInt(bound), the polar-method nextGaussian) for
 * one thread: langdetect's trials draw from it in a tight loop, where Random's atomic seed update
 * costs more than the work. A test checks it against java.util.Random.
 */
final class LegacyRandom {
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    private long seed;
    private double nextNextGaussian;
    private boolean haveNextNextGaussian;

    LegacyRandom(long seed) {
        this.seed = (seed ^ MULTIPLIER) & MASK;
    }

    private int next(int bits) {
        seed = (seed * MULTIPLIER + ADDEND) & MASK;
        return (int) (seed >>> (48 - bits));
    }

    int nextInt(int bound) {
        int r = next(31);
        int m = bound - 1;
        if ((bound & m) == 0) return (int) ((bound * (long) r) >> 31);
        for (int u = r; u - (r = u % bound) + m < 0; u = next(31)) {
            // Rejects the values that would bias the result, as java.util.Random does.
        }
        return r;
    }

    /**
     * {@link #nextInt(int)} for a bound that is not a power of two, with {@code u % bound} computed from the bound's
     * {@link #reciprocal} by multiplications (Lemire, Kaser and Kurz, "Faster remainder by direct computation",
     * 2019: exact for every 32-bit dividend) instead of a division, which the trials pay once per sampled n-gram.
     */
    int nextInt(int bound, long reciprocal) {
        int r = next(31);
        int m = bound - 1;
        if ((bound & m) == 0) return (int) ((bound * (long) r) >> 31);
        for (int u = r; u - (r = highProduct(reciprocal * u, bound)) + m < 0; u = next(31)) {
            // Rejects the values that would bias the result, as java.util.Random does.
        }
        return r;
    }

    /**
     * The high 64 bits of the unsigned 128-bit product of {@code low} and a positive int {@code bound}, as
     * Math.unsignedMultiplyHigh gives them, from the two 32-bit halves of {@code low}: with low = h * 2^32 + l, the
     * product is 2^32 * (h * bound + floor(l * bound / 2^32)) plus a remainder below 2^32, and neither partial
     * product nor their sum (below 2^63 + 2^31) reaches 2^64. In C1's code (eval's) Math.unsignedMultiplyHigh is two
     * calls, Math.multiplyHigh's four multiplications and the sign corrections: 1.2% of the detections' CPU samples.
     */
    private static int highProduct(long low, int bound) {
        return (int) (((low >>> 32) * bound + ((low & 0xFFFFFFFFL) * bound >>> 32)) >>> 32);
    }

    /** ceil(2^64 / bound) modulo 2^64, for {@link #nextInt(int, long)}; {@code bound} is positive. */
    static long reciprocal(int bound) {
        return Long.divideUnsigned(-1L, bound) + 1;
    }

    double nextDouble() {
        return (((long) next(26) << 27) + next(27)) * 0x1.0p-53;
    }

    double nextGaussian() {
        if (haveNextNextGaussian) {
            haveNextNextGaussian = false;
            return nextNextGaussian;
        }
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * nextDouble() - 1;
            v2 = 2 * nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        double multiplier = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        nextNextGaussian = v2 * multiplier;
        haveNextNextGaussian = true;
        return v1 * multiplier;
    }
}
