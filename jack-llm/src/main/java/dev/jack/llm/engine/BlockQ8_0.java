package dev.jack.llm.engine;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Q8_0 rows: blocks of 32 values, an f16 d and 32 signed bytes (ggml's {@code block_q8_0}), value = d·q.
 * Products against q8_0 activations are llama.cpp's {@code ggml_vec_dot_q8_0_q8_0}: per block, the 32 byte
 * products are summed exactly in integers and scaled once by d_w·d_x.
 *
 * <p>Hand-written for speed on the Vector API (an incubator module): bytes are widened to shorts and multiplied
 * 16 at a time; two products fit a short (|w·x| ≤ 128·127), so each block's two halves are added as shorts, and
 * adjacent pairs are then added into ints. Two inputs share each widened block while it is in registers.
 */
final class BlockQ8_0 implements QuantizedRows {
    static final BlockQ8_0 ROWS = new BlockQ8_0();

    static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    static final VectorSpecies<Short> S = ShortVector.SPECIES_256;
    static final VectorSpecies<Byte> B16 = ByteVector.SPECIES_128;
    static final VectorSpecies<Byte> B8 = ByteVector.SPECIES_64;
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);

    private BlockQ8_0() {}

    @Override
    public Activations.Format activations() {
        return Activations.Format.Q8_0;
    }

    @Override
    public void decode(MemorySegment data, long first, int n, float[] out, int at) {
        for (int b = 0; b < n / 32; b++) {
            long block = (first / 32 + b) * 34;
            FloatVector d = FloatVector.broadcast(F, f16(data, block));
            for (int j = 0; j < 32; j += 8) {
                ((FloatVector) ByteVector.fromMemorySegment(B8, data, block + 2 + j, LE).convertShape(VectorOperators.B2F, F, 0))
                        .mul(d).intoArray(out, at + b * 32 + j);
            }
        }
    }

    @Override
    public void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys) {
        int blocks = in / 32;
        long rowBytes = blocks * 34L;
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
            long at = row + b * 34L;
            ShortVector w0 = widen(s, at + 2);
            ShortVector w1 = widen(s, at + 18);
            acc = block(w0, w1, x, b * 32, f16(s, at) * xd[b], acc);
        }
        return lanes(acc);
    }

    /** Two inputs against one row: the operations of {@link #one} for each, so the same results bit for bit. */
    private static void two(MemorySegment s, long row, short[] x0, float[] d0, short[] x1, float[] d1, int blocks, float[] out) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long at = row + b * 34L;
            ShortVector w0 = widen(s, at + 2);
            ShortVector w1 = widen(s, at + 18);
            float d = f16(s, at);
            acc0 = block(w0, w1, x0, b * 32, d * d0[b], acc0);
            acc1 = block(w0, w1, x1, b * 32, d * d1[b], acc1);
        }
        out[0] = lanes(acc0);
        out[1] = lanes(acc1);
    }

    /** acc + scale·Σ w·x over a block of 32 given as two 16-short halves: 8 lanes, each the sum of 4 integer products. */
    static FloatVector block(ShortVector w0, ShortVector w1, short[] x, int base, float scale, FloatVector acc) {
        ShortVector p = w0.mul(ShortVector.fromArray(S, x, base)).add(w1.mul(ShortVector.fromArray(S, x, base + 16)));
        return ((FloatVector) pairs(p).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scale), acc);
    }

    /** Adjacent shorts added into ints (llama.cpp's {@code _mm256_madd_epi16} by ones): any two shorts, exactly. */
    static IntVector pairs(ShortVector p) {
        IntVector i = p.reinterpretAsInts();
        return i.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).add(i.lanewise(VectorOperators.ASHR, 16));
    }

    /** Sixteen signed bytes as shorts. */
    static ShortVector widen(MemorySegment s, long at) {
        return (ShortVector) ByteVector.fromMemorySegment(B16, s, at, LE).convertShape(VectorOperators.B2S, S, 0);
    }

    static float f16(MemorySegment s, long at) {
        return Float.float16ToFloat(s.get(SHORT_LE, at));
    }

    /**
     * The sum of a vector's lanes in a fixed order. reduceLanes(ADD) leaves the order open, and the interpreter
     * and the JIT compiler then round differently: an answer would depend on how warm the JVM is.
     */
    static float lanes(FloatVector v) {
        float[] a = v.toArray();
        float sum = 0;
        for (float x : a) sum += x;
        return sum;
    }
}
