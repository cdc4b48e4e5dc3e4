package dev.jack.llm.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.jack.llm.engine.BlockQ8_0.F;
import static dev.jack.llm.engine.BlockQ8_0.block;
import static dev.jack.llm.engine.BlockQ8_0.f16;
import static dev.jack.llm.engine.BlockQ8_0.lanes;
import static dev.jack.llm.engine.BlockQ8_0.widen;

/**
 * Q4_0 rows: blocks of 32 values, an f16 d and 16 bytes whose low nibbles are values 0–15 and high nibbles values
 * 16–31 (ggml's {@code block_q4_0}), value = d·(q − 8). Products against q8_0 activations are llama.cpp's
 * {@code ggml_vec_dot_q4_0_q8_0}: the nibbles less 8 times the activation bytes, summed exactly, scaled once.
 *
 * <p>Hand-written for speed on the Vector API: the 16 bytes are widened to shorts once, the two nibbles taken
 * apart with a mask and a shift, and then multiplied as {@link BlockQ8_0}'s halves are (products fit a short).
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
            for (int j = 0; j < 16; j++) {
                int q = data.get(ValueLayout.JAVA_BYTE, block + 2 + j) & 0xff;
                out[at + b * 32 + j] = ((q & 0xf) - 8) * d;
                out[at + b * 32 + 16 + j] = ((q >> 4) - 8) * d;
            }
        }
    }

    @Override
    public void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys) {
        int blocks = in / 32;
        long rowBytes = blocks * 18L;
        float[] pair = new float[2];
        for (int r = from; r < to; r++) {
            long row = r * rowBytes;
            int t = 0;
            for (; t + 2 <= x.count(); t += 2) {
                two(data, row, x.values[t], x.scales[t], x.values[t + 1], x.scales[t + 1], blocks, pair);
                ys[t][r] = pair[0];
                ys[t + 1][r] = pair[1];
            }
            if (t < x.count()) ys[t][r] = one(data, row, x.values[t], x.scales[t], blocks);
        }
    }

    private static float one(MemorySegment s, long row, short[] x, float[] xd, int blocks) {
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long at = row + b * 18L;
            ShortVector q = widen(s, at + 2);
            acc = block(low(q), high(q), x, b * 32, f16(s, at) * xd[b], acc);
        }
        return lanes(acc);
    }

    /** Two inputs against one row: the operations of {@link #one} for each, so the same results bit for bit. */
    private static void two(MemorySegment s, long row, short[] x0, float[] d0, short[] x1, float[] d1, int blocks, float[] out) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long at = row + b * 18L;
            ShortVector q = widen(s, at + 2);
            ShortVector w0 = low(q);
            ShortVector w1 = high(q);
            float d = f16(s, at);
            acc0 = block(w0, w1, x0, b * 32, d * d0[b], acc0);
            acc1 = block(w0, w1, x1, b * 32, d * d1[b], acc1);
        }
        out[0] = lanes(acc0);
        out[1] = lanes(acc1);
    }

    /** Values 0–15 of a block less 8 (the bytes were sign-extended; the mask undoes it). */
    private static ShortVector low(ShortVector q) {
        return q.and((short) 0x0F).sub((short) 8);
    }

    private static ShortVector high(ShortVector q) {
        return q.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).sub((short) 8);
    }
}
