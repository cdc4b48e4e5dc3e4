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
 * byte fits a short with room for four). Four or more inputs: each row is decoded once to floats, values 0–7, 8–15,
 * 16–23 and 24–31 of a block as four vectors, and serves the batch in exact float products
 * ({@link BlockQ8_0.Decoded}); both sum the same integers per lane (lane k: values k, 8 + k, 16 + k, 24 + k), so a
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
        BlockQ8_0.Decoded decoded = new BlockQ8_0.Decoded(blocks);
        for (int r = from; r < to; r++) {
            long row = r * rowBytes;
            if (x.count() >= 4) {
                for (int b = 0; b < blocks; b++) {
                    long at = row + b * 18L;
                    IntVector first = (IntVector) ByteVector.fromMemorySegment(B8, data, at + 2, LE).convertShape(VectorOperators.B2I, I, 0);
                    IntVector second = (IntVector) ByteVector.fromMemorySegment(B8, data, at + 10, LE).convertShape(VectorOperators.B2I, I, 0);
                    decoded.put(b, nibble(first), nibble(second), nibble(first.lanewise(VectorOperators.ASHR, 4)),
                            nibble(second.lanewise(VectorOperators.ASHR, 4)), f16(data, at));
                }
            }
            int t = decoded.multiply(x, ys, r);
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
