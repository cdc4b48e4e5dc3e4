package dev.jack.llm.engine;

import jdk.incubator.vector.FloatVector;

import static dev.jack.llm.engine.BlockQ8_0.F;
import static dev.jack.llm.engine.BlockQ8_0.lanes;

/**
 * Float matrix–matrix products of decoded rows with a batch of inputs: the prompt-processing path (and every path
 * for F32, F16 and BF16 weights). A 4-row × 4-input register tile keeps sixteen independent accumulators busy and
 * serves each loaded row vector to four inputs and each input vector to four rows (8 loads per 16 fused
 * multiply-adds; the 2 × 4 tile before it took 6 per 8 and ran about a quarter slower), in the manner of llama.cpp's
 * {@code tinyBLAS} (llamafile {@code sgemm.cpp}) micro-kernels. The tile's loop needs 21 vector registers (16
 * accumulators, 4 row vectors, an input vector): AVX-512 gives C2 32. (A 4 × 6 tile, 29 registers, was no faster.)
 * With AVX2 alone C2 has 16 vector registers and the tile spills: on this machine with {@code -XX:UseAVX=2}, pp128 on
 * Q8_0 ran at 0.95× the 2 × 4 tile's rate (medians 20.9 and 22.1 tokens/s, one JVM taking turns, 6 rounds, loaded).
 * The 4 × 4 tile stays: it is for AVX-512, where it is the faster of the two. Tried and dropped: a 512-bit tile of
 * 8 rows × 4 inputs whose vectors each held two rows' chains of this tile (rows laid out in pairs, 8 elements of each in
 * turn; inputs stored with each 8 elements twice; the same floats bit for bit). Alone on operands in L1 it ran at
 * 138–155 GFLOP/s on one thread against this tile's 98–106 (Zen 5 executes 512-bit FMAs at full width), but over a
 * pp128 task's operands (64 rows of 2048, 128 inputs: its 8 loads of 64 bytes per 16 FMAs need L2's full width)
 * 57–108 against 69–93 depending on the run's JIT, also with the elements taken in chunks so that the rows stay in L1
 * and with the tile's rows in one stream; pp128 on the Q4_0 file 61.9 against 61.6 tokens/s in the one quiet pair of
 * runs (on loaded cores, other pairs 31–34 each).
 * Each product is one chain of fused multiply-adds over the row, 8 lanes wide, then its lanes are summed in a fixed
 * order, whichever tile or edge computed it ({@link #dot}): results do not depend on the batch.
 */
final class Gemm {
    private Gemm() {}

    /** Inputs taken per pass over the rows of a task: their vectors stay in the core's cache while the rows go by. */
    private static final int INPUT_GROUP = 16;
    /** Rows of the register tile: a task's row count should be a multiple of it (other rows take {@link #dot}). */
    static final int TILE_ROWS = 4;

    /**
     * {@code ys[t][firstRow + r] = rows[r·n, r·n + n) · x[t][0, n)} for {@code r < rowCount} and {@code t < count}.
     */
    static void multiply(float[] rows, int rowCount, int n, float[][] x, int count, float[][] ys, int firstRow) {
        float[] sums = new float[128];
        int bound = F.loopBound(n);
        for (int group = 0; group < count; group += INPUT_GROUP) {
            int groupEnd = Math.min(count, group + INPUT_GROUP);
            int r = 0;
            for (; r + TILE_ROWS <= rowCount; r += TILE_ROWS) {
                int t = group;
                for (; t + 4 <= groupEnd; t += 4) {
                    tile(rows, r * n, n, x[t], x[t + 1], x[t + 2], x[t + 3], bound, sums);
                    // Product (row r + k / 4, input t + k % 4) is in sums[8k, 8k + 8): summed as dot sums it.
                    for (int k = 0; k < 16; k++) {
                        int row = r + k / 4;
                        float[] input = x[t + k % 4];
                        ys[t + k % 4][firstRow + row] = lanes(sums, 8 * k) + tail(rows, row * n, input, bound, n);
                    }
                }
                for (; t < groupEnd; t++) for (int k = 0; k < TILE_ROWS; k++) ys[t][firstRow + r + k] = dot(rows, (r + k) * n, x[t], n);
            }
            for (; r < rowCount; r++) for (int t = group; t < groupEnd; t++) ys[t][firstRow + r] = dot(rows, r * n, x[t], n);
        }
    }

    /**
     * Rows at {@code u}, {@code u + n}, {@code u + 2n}, {@code u + 3n} against four inputs, over elements
     * {@code [0, bound)}: the accumulator of row j and input k goes to {@code sums[32j + 8k, 32j + 8k + 8)}. The
     * accumulators go through {@code sums} to be summed by the caller: this method is near the JIT's node budget,
     * after which a call taking a vector is not inlined and boxes its argument (seen in the machine code of prompts).
     */
    private static void tile(float[] w, int u, int n, float[] x0, float[] x1, float[] x2, float[] x3, int bound, float[] sums) {
        FloatVector a0 = FloatVector.zero(F), a1 = FloatVector.zero(F), a2 = FloatVector.zero(F), a3 = FloatVector.zero(F);
        FloatVector b0 = FloatVector.zero(F), b1 = FloatVector.zero(F), b2 = FloatVector.zero(F), b3 = FloatVector.zero(F);
        FloatVector c0 = FloatVector.zero(F), c1 = FloatVector.zero(F), c2 = FloatVector.zero(F), c3 = FloatVector.zero(F);
        FloatVector d0 = FloatVector.zero(F), d1 = FloatVector.zero(F), d2 = FloatVector.zero(F), d3 = FloatVector.zero(F);
        int v = u + n;
        int s = v + n;
        int z = s + n;
        for (int i = 0; i < bound; i += 8) {
            FloatVector wa = FloatVector.fromArray(F, w, u + i);
            FloatVector wb = FloatVector.fromArray(F, w, v + i);
            FloatVector wc = FloatVector.fromArray(F, w, s + i);
            FloatVector wd = FloatVector.fromArray(F, w, z + i);
            FloatVector x = FloatVector.fromArray(F, x0, i);
            a0 = wa.fma(x, a0);
            b0 = wb.fma(x, b0);
            c0 = wc.fma(x, c0);
            d0 = wd.fma(x, d0);
            x = FloatVector.fromArray(F, x1, i);
            a1 = wa.fma(x, a1);
            b1 = wb.fma(x, b1);
            c1 = wc.fma(x, c1);
            d1 = wd.fma(x, d1);
            x = FloatVector.fromArray(F, x2, i);
            a2 = wa.fma(x, a2);
            b2 = wb.fma(x, b2);
            c2 = wc.fma(x, c2);
            d2 = wd.fma(x, d2);
            x = FloatVector.fromArray(F, x3, i);
            a3 = wa.fma(x, a3);
            b3 = wb.fma(x, b3);
            c3 = wc.fma(x, c3);
            d3 = wd.fma(x, d3);
        }
        a0.intoArray(sums, 0);
        a1.intoArray(sums, 8);
        a2.intoArray(sums, 16);
        a3.intoArray(sums, 24);
        b0.intoArray(sums, 32);
        b1.intoArray(sums, 40);
        b2.intoArray(sums, 48);
        b3.intoArray(sums, 56);
        c0.intoArray(sums, 64);
        c1.intoArray(sums, 72);
        c2.intoArray(sums, 80);
        c3.intoArray(sums, 88);
        d0.intoArray(sums, 96);
        d1.intoArray(sums, 104);
        d2.intoArray(sums, 112);
        d3.intoArray(sums, 120);
    }

    /** One row against one input: the operations of {@link #tile} and {@link #multiply} for one of its products. */
    static float dot(float[] w, int u, float[] x, int n) {
        FloatVector a = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += 8) a = FloatVector.fromArray(F, w, u + i).fma(FloatVector.fromArray(F, x, i), a);
        return lanes(a) + tail(w, u, x, i, n);
    }

    private static float tail(float[] w, int u, float[] x, int from, int n) {
        float sum = 0;
        for (int i = from; i < n; i++) sum += w[u + i] * x[i];
        return sum;
    }
}
