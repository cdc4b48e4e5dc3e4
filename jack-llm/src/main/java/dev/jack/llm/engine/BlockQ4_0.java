package dev.jack.llm.engine;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;

import static dev.jack.llm.engine.BlockQ8_0.B8;
import static dev.jack.llm.engine.BlockQ8_0.F;
import static dev.jack.llm.engine.BlockQ8_0.I;
import static dev.jack.llm.engine.BlockQ8_0.LE;
import static dev.jack.llm.engine.BlockQ8_0.S;
import static dev.jack.llm.engine.BlockQ8_0.f16;
import static dev.jack.llm.engine.BlockQ8_0.lanes;
import static dev.jack.llm.engine.BlockQ8_0.widen;

/**
 * Q4_0 rows: blocks of 32 values, an f16 d and 16 bytes whose low nibbles are values 0–15 and high nibbles values
 * 16–31 (ggml's {@code block_q4_0}), value = d·(q − 8). Products against q8_0 activations are llama.cpp's
 * {@code ggml_vec_dot_q4_0_q8_0}: the nibbles less 8 times the activation bytes, summed exactly, scaled once.
 *
 * <p>Hand-written for speed on the Vector API. One input alone: the 16 bytes are widened to shorts once, the two
 * nibbles taken apart with a mask and a shift and multiplied 16 at a time (a nibble less 8 times an activation
 * byte fits a short with room for four). Four or more inputs: each block is decoded once to floats and serves
 * eight or four inputs in exact float products, as {@link BlockQ8_0}'s; both sum the same integers per lane, so a
 * product's bits do not depend on the batch (the lanes are not llama.cpp's, so Q4_0 products match its to float
 * rounding, not bit for bit).
 */
final class BlockQ4_0 implements QuantizedRows {
    static final BlockQ4_0 ROWS = new BlockQ4_0();

    private BlockQ4_0() {}

    @Override
    public Activations.Format activations() {
        return Activations.Format.Q8_0;
    }

    @Override
    public void decode(MemorySegment data, long first, int n, float[] out, int at) {
        for (int b = 0; b < n / 32; b++) {
            long block = (first / 32 + b) * 18;
            float d = f16(data, block);
            ShortVector q = widen(data, block + 2);
            scaled(low(q), d, out, at + b * 32);
            scaled(high(q), d, out, at + b * 32 + 16);
        }
    }

    /** 16 values times d, as floats, to out[at, at + 16). */
    private static void scaled(ShortVector q, float d, float[] out, int at) {
        ((FloatVector) q.convertShape(VectorOperators.S2F, F, 0)).mul(d).intoArray(out, at);
        ((FloatVector) q.convertShape(VectorOperators.S2F, F, 1)).mul(d).intoArray(out, at + 8);
    }

    @Override
    public void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys) {
        int blocks = in / 32;
        long rowBytes = blocks * 18L;
        for (int r = from; r < to; r++) {
            long row = r * rowBytes;
            int t = 0;
            for (; t + 8 <= x.count(); t += 8) eight(data, row, x.floats, x.scales, t, blocks, ys, r);
            for (; t + 4 <= x.count(); t += 4) four(data, row, x.floats, x.scales, t, blocks, ys, r);
            for (; t < x.count(); t++) ys[t][r] = one(data, row, x.values[t], x.scales[t], blocks);
        }
    }

    /**
     * One row against one input. Per block, 16 short products pair value j with value 16 + j; adding the two halves
     * as ints gives 8 lanes, lane k the exact sum over values k, 8 + k, 16 + k and 24 + k, scaled once.
     */
    private static float one(MemorySegment s, long row, short[] x, float[] xd, int blocks) {
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long at = row + b * 18L;
            ShortVector q = widen(s, at + 2);
            ShortVector p = low(q).mul(ShortVector.fromArray(S, x, b * 32)).add(high(q).mul(ShortVector.fromArray(S, x, b * 32 + 16)));
            IntVector sum = ((IntVector) p.convertShape(VectorOperators.S2I, I, 0)).add((IntVector) p.convertShape(VectorOperators.S2I, I, 1));
            acc = ((FloatVector) sum.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, f16(s, at) * xd[b]), acc);
        }
        return lanes(acc);
    }

    /**
     * One row against inputs t..t+3 ({@code ys[t + k][r]}): each block decoded once to four float vectors (values
     * 0–7, 8–15, 16–23, 24–31) and multiplied with each input in exact float products, lane k again the sum over
     * values k, 8 + k, 16 + k and 24 + k: the same integers as {@link #one}, so the same bits whatever the batch.
     * Cheaper per input than the short products once the decoding is shared.
     */
    private static void four(MemorySegment s, long row, float[][] x, float[][] xd, int t, int blocks, float[][] ys, int r) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        float[] x0 = x[t];
        float[] x1 = x[t + 1];
        float[] x2 = x[t + 2];
        float[] x3 = x[t + 3];
        for (int b = 0; b < blocks; b++) {
            long at = row + b * 18L;
            IntVector first = (IntVector) ByteVector.fromMemorySegment(B8, s, at + 2, LE).convertShape(VectorOperators.B2I, I, 0);
            IntVector second = (IntVector) ByteVector.fromMemorySegment(B8, s, at + 10, LE).convertShape(VectorOperators.B2I, I, 0);
            FloatVector w0 = nibble(first);
            FloatVector w1 = nibble(second);
            FloatVector w2 = nibble(first.lanewise(VectorOperators.ASHR, 4));
            FloatVector w3 = nibble(second.lanewise(VectorOperators.ASHR, 4));
            float d = f16(s, at);
            int base = b * 32;
            acc0 = BlockQ8_0.block(w0, w1, w2, w3, x0, base, d * xd[t][b], acc0);
            acc1 = BlockQ8_0.block(w0, w1, w2, w3, x1, base, d * xd[t + 1][b], acc1);
            acc2 = BlockQ8_0.block(w0, w1, w2, w3, x2, base, d * xd[t + 2][b], acc2);
            acc3 = BlockQ8_0.block(w0, w1, w2, w3, x3, base, d * xd[t + 3][b], acc3);
        }
        ys[t][r] = lanes(acc0);
        ys[t + 1][r] = lanes(acc1);
        ys[t + 2][r] = lanes(acc2);
        ys[t + 3][r] = lanes(acc3);
    }

    /** As {@link #four} for inputs t..t+7 (four weight vectors and eight accumulators fit AVX2's 16 registers). */
    private static void eight(MemorySegment s, long row, float[][] x, float[][] xd, int t, int blocks, float[][] ys, int r) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        FloatVector acc4 = FloatVector.zero(F);
        FloatVector acc5 = FloatVector.zero(F);
        FloatVector acc6 = FloatVector.zero(F);
        FloatVector acc7 = FloatVector.zero(F);
        float[] x0 = x[t];
        float[] x1 = x[t + 1];
        float[] x2 = x[t + 2];
        float[] x3 = x[t + 3];
        float[] x4 = x[t + 4];
        float[] x5 = x[t + 5];
        float[] x6 = x[t + 6];
        float[] x7 = x[t + 7];
        for (int b = 0; b < blocks; b++) {
            long at = row + b * 18L;
            IntVector first = (IntVector) ByteVector.fromMemorySegment(B8, s, at + 2, LE).convertShape(VectorOperators.B2I, I, 0);
            IntVector second = (IntVector) ByteVector.fromMemorySegment(B8, s, at + 10, LE).convertShape(VectorOperators.B2I, I, 0);
            FloatVector w0 = nibble(first);
            FloatVector w1 = nibble(second);
            FloatVector w2 = nibble(first.lanewise(VectorOperators.ASHR, 4));
            FloatVector w3 = nibble(second.lanewise(VectorOperators.ASHR, 4));
            float d = f16(s, at);
            int base = b * 32;
            acc0 = BlockQ8_0.block(w0, w1, w2, w3, x0, base, d * xd[t][b], acc0);
            acc1 = BlockQ8_0.block(w0, w1, w2, w3, x1, base, d * xd[t + 1][b], acc1);
            acc2 = BlockQ8_0.block(w0, w1, w2, w3, x2, base, d * xd[t + 2][b], acc2);
            acc3 = BlockQ8_0.block(w0, w1, w2, w3, x3, base, d * xd[t + 3][b], acc3);
            acc4 = BlockQ8_0.block(w0, w1, w2, w3, x4, base, d * xd[t + 4][b], acc4);
            acc5 = BlockQ8_0.block(w0, w1, w2, w3, x5, base, d * xd[t + 5][b], acc5);
            acc6 = BlockQ8_0.block(w0, w1, w2, w3, x6, base, d * xd[t + 6][b], acc6);
            acc7 = BlockQ8_0.block(w0, w1, w2, w3, x7, base, d * xd[t + 7][b], acc7);
        }
        ys[t][r] = lanes(acc0);
        ys[t + 1][r] = lanes(acc1);
        ys[t + 2][r] = lanes(acc2);
        ys[t + 3][r] = lanes(acc3);
        ys[t + 4][r] = lanes(acc4);
        ys[t + 5][r] = lanes(acc5);
        ys[t + 6][r] = lanes(acc6);
        ys[t + 7][r] = lanes(acc7);
    }

    /** The low 4 bits of each int less 8, as floats. */
    private static FloatVector nibble(IntVector q) {
        return (FloatVector) q.and(0x0F).sub(8).convert(VectorOperators.I2F, 0);
    }

    /** Values 0–15 of a block less 8 (the bytes were sign-extended; the mask undoes it). */
    private static ShortVector low(ShortVector q) {
        return q.and((short) 0x0F).sub((short) 8);
    }

    private static ShortVector high(ShortVector q) {
        return q.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).sub((short) 8);
    }
}
