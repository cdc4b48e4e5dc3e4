package dev.jack.llm.engine;

import jdk.incubator.vector.FloatVector;

import static dev.jack.llm.engine.BlockQ8_0.F;
import static dev.jack.llm.engine.BlockQ8_0.lanes;

/**
 * Float matrix–matrix products of decoded rows with a batch of inputs: the prompt-processing path (and every path
 * for F32, F16 and BF16 weights). A 2-row × 4-input register tile keeps eight independent accumulators busy and
 * serves each loaded row vector to four inputs, in the manner of llama.cpp's {@code tinyBLAS} (llamafile
 * {@code sgemm.cpp}) micro-kernels. Each product is one chain of fused multiply-adds over the row, 8 lanes wide,
 * then its lanes are summed in a fixed order, whichever tile computed it: results do not depend on the batch.
 */
final class Gemm {
    private Gemm() {}

    /** Inputs taken per pass over the rows of a task: their vectors stay in the core's cache while the rows go by. */
    private static final int INPUT_GROUP = 16;

    /**
     * {@code ys[t][firstRow + r] = rows[r·n, r·n + n) · x[t][0, n)} for {@code r < rowCount} and {@code t < count}.
     */
    static void multiply(float[] rows, int rowCount, int n, float[][] x, int count, float[][] ys, int firstRow) {
        float[] tile = new float[8];
        float[] sums = new float[64];
        for (int group = 0; group < count; group += INPUT_GROUP) {
            int groupEnd = Math.min(count, group + INPUT_GROUP);
            int r = 0;
            for (; r + 2 <= rowCount; r += 2) {
                int t = group;
                for (; t + 4 <= groupEnd; t += 4) {
                    tile(rows, r * n, (r + 1) * n, x[t], x[t + 1], x[t + 2], x[t + 3], n, sums, tile);
                    for (int k = 0; k < 4; k++) {
                        ys[t + k][firstRow + r] = tile[k];
                        ys[t + k][firstRow + r + 1] = tile[4 + k];
                    }
                }
                for (; t < groupEnd; t++) {
                    ys[t][firstRow + r] = dot(rows, r * n, x[t], n);
                    ys[t][firstRow + r + 1] = dot(rows, (r + 1) * n, x[t], n);
                }
            }
            for (; r < rowCount; r++) for (int t = group; t < groupEnd; t++) ys[t][firstRow + r] = dot(rows, r * n, x[t], n);
        }
    }

    /**
     * Rows at {@code u} and {@code v} against four inputs: out = [u·x0, u·x1, u·x2, u·x3, v·x0, v·x1, v·x2, v·x3]. The eight
     * accumulators go through {@code sums} (64 floats) to be summed as floats: this method reaches the JIT's node budget,
     * after which a call taking a vector is not inlined and boxes its argument (seen in the machine code of prompts).
     */
    private static void tile(float[] w, int u, int v, float[] x0, float[] x1, float[] x2, float[] x3, int n, float[] sums, float[] out) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        FloatVector b0 = FloatVector.zero(F);
        FloatVector b1 = FloatVector.zero(F);
        FloatVector b2 = FloatVector.zero(F);
        FloatVector b3 = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += 8) {
            FloatVector wu = FloatVector.fromArray(F, w, u + i);
            FloatVector wv = FloatVector.fromArray(F, w, v + i);
            FloatVector x = FloatVector.fromArray(F, x0, i);
            a0 = wu.fma(x, a0);
            b0 = wv.fma(x, b0);
            x = FloatVector.fromArray(F, x1, i);
            a1 = wu.fma(x, a1);
            b1 = wv.fma(x, b1);
            x = FloatVector.fromArray(F, x2, i);
            a2 = wu.fma(x, a2);
            b2 = wv.fma(x, b2);
            x = FloatVector.fromArray(F, x3, i);
            a3 = wu.fma(x, a3);
            b3 = wv.fma(x, b3);
        }
        a0.intoArray(sums, 0);
        a1.intoArray(sums, 8);
        a2.intoArray(sums, 16);
        a3.intoArray(sums, 24);
        b0.intoArray(sums, 32);
        b1.intoArray(sums, 40);
        b2.intoArray(sums, 48);
        b3.intoArray(sums, 56);
        out[0] = lanes(sums, 0) + tail(w, u, x0, i, n);
        out[1] = lanes(sums, 8) + tail(w, u, x1, i, n);
        out[2] = lanes(sums, 16) + tail(w, u, x2, i, n);
        out[3] = lanes(sums, 24) + tail(w, u, x3, i, n);
        out[4] = lanes(sums, 32) + tail(w, v, x0, i, n);
        out[5] = lanes(sums, 40) + tail(w, v, x1, i, n);
        out[6] = lanes(sums, 48) + tail(w, v, x2, i, n);
        out[7] = lanes(sums, 56) + tail(w, v, x3, i, n);
    }

    /** One row against one input: the operations of {@link #tile} for one of its products. */
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
