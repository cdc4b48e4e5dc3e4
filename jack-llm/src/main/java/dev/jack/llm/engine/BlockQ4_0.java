package dev.jack.llm.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;

import static dev.jack.llm.engine.BlockQ8_0.F;
import static dev.jack.llm.engine.BlockQ8_0.S;
import static dev.jack.llm.engine.BlockQ8_0.f16;
import static dev.jack.llm.engine.BlockQ8_0.lanes;
import static dev.jack.llm.engine.BlockQ8_0.widen;

/**
 * Q4_0 rows: blocks of 32 values, an f16 d and 16 bytes whose low nibbles are values 0–15 and high nibbles values
 * 16–31 (ggml's {@code block_q4_0}), value = d·(q − 8). Products against q8_0 activations are llama.cpp's
 * {@code ggml_vec_dot_q4_0_q8_0}: the nibbles less 8 times the activation bytes, summed exactly, scaled once.
 *
 * <p>Hand-written for speed on the Vector API: the 16 bytes are widened to shorts once, the two nibbles taken
 * apart with a mask and a shift, and multiplied 16 at a time (a nibble less 8 times an activation byte fits a
 * short with room for four, so pairs become ints in three operations).
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
            for (int t = 0; t < x.count(); t++) ys[t][r] = one(data, row, x.values[t], x.scales[t], blocks);
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

    /**
     * acc + scale·Σ w·x over a block of 32 given as two 16-short halves (values j and 16 + j share lane j): 8 lanes,
     * each the sum of 4 integer products, less than 2^15 in every pairwise step.
     */
    private static FloatVector block(ShortVector w0, ShortVector w1, short[] x, int base, float scale, FloatVector acc) {
        ShortVector p = w0.mul(ShortVector.fromArray(S, x, base)).add(w1.mul(ShortVector.fromArray(S, x, base + 16)));
        return ((FloatVector) SuperBlocks.smallPairs(p).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scale), acc);
    }

    /** Values 0–15 of a block less 8 (the bytes were sign-extended; the mask undoes it). */
    private static ShortVector low(ShortVector q) {
        return q.and((short) 0x0F).sub((short) 8);
    }

    private static ShortVector high(ShortVector q) {
        return q.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).sub((short) 8);
    }
}
