package dev.jack.llm.engine;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;

import static dev.jack.llm.engine.BlockQ8_0.B16;
import static dev.jack.llm.engine.BlockQ8_0.F;
import static dev.jack.llm.engine.BlockQ8_0.LE;
import static dev.jack.llm.engine.BlockQ8_0.S;
import static dev.jack.llm.engine.BlockQ8_0.f16;
import static dev.jack.llm.engine.BlockQ8_0.lanes;

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

    /**
     * Every vector operation is written out here, as in {@link #one}: no helper takes or returns a vector, since one
     * compiled on its own boxes them (in a micro-benchmark, a decode of 16 rows of 2048 through such helpers ran at
     * 140–260 µs for thousands of calls before reaching 4 µs).
     */
    @Override
    public void decode(MemorySegment data, long first, int n, float[] out, int at) {
        for (int b = 0; b < n / 32; b++) {
            long block = (first / 32 + b) * 18;
            FloatVector d = FloatVector.broadcast(F, f16(data, block));
            ShortVector q = (ShortVector) ByteVector.fromMemorySegment(B16, data, block + 2, LE).convertShape(VectorOperators.B2S, S, 0);
            ShortVector low = q.and((short) 0x0F).sub((short) 8);
            ShortVector high = q.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).sub((short) 8);
            int to = at + b * 32;
            ((FloatVector) low.convertShape(VectorOperators.S2F, F, 0)).mul(d).intoArray(out, to);
            ((FloatVector) low.convertShape(VectorOperators.S2F, F, 1)).mul(d).intoArray(out, to + 8);
            ((FloatVector) high.convertShape(VectorOperators.S2F, F, 0)).mul(d).intoArray(out, to + 16);
            ((FloatVector) high.convertShape(VectorOperators.S2F, F, 1)).mul(d).intoArray(out, to + 24);
        }
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

    /**
     * One row against one input. Per block of 32: the 16 bytes widened to shorts, values j and 16 + j (their two
     * nibbles less 8) multiplied with the activations in lane j, each pair of adjacent shorts added into an int (each
     * lane the sum of 4 integer products, below 2^15 in every pairwise step), converted to float and scaled once.
     *
     * <p>Every vector operation is written out here, none in a helper that returns a vector: the JIT compiles a
     * helper shared by several kernels on its own once it is hot, then does not inline that compiled code (too big),
     * and a vector returned from a call is boxed and its type unknown to the caller, whose next operations then run
     * the Vector API's Java fallback (seen in the machine code: {@code Int256Vector.convertShape} and
     * {@code toLongArray} on the decode path, Q4_0 decode 10x slower in such runs).
     */
    private static float one(MemorySegment s, long row, short[] x, float[] xd, int blocks) {
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long at = row + b * 18L;
            ShortVector q = (ShortVector) ByteVector.fromMemorySegment(B16, s, at + 2, LE).convertShape(VectorOperators.B2S, S, 0);
            ShortVector low = q.and((short) 0x0F).sub((short) 8);
            ShortVector high = q.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).sub((short) 8);
            IntVector p = low.mul(ShortVector.fromArray(S, x, b * 32)).add(high.mul(ShortVector.fromArray(S, x, b * 32 + 16))).reinterpretAsInts();
            IntVector pairs = p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
            acc = ((FloatVector) pairs.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, f16(s, at) * xd[b]), acc);
        }
        return lanes(acc);
    }
}
