package dev.jack.llm.engine;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
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
 * adjacent pairs are then added into ints. The lanes hold the values llama.cpp's AVX2 kernel holds, and lanes are
 * summed in its order, so a row's product is llama.cpp's bit for bit. A row is multiplied with every input of the
 * batch while it is in cache.
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
        return Activations.Format.Q8_0_EVEN_ODD;
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
        for (int r = from; r < to; r++) {
            long row = r * rowBytes;
            for (int t = 0; t < x.count(); t++) ys[t][r] = one(data, row, x.values[t], x.scales[t], blocks);
        }
    }

    /**
     * One row against one input whose blocks are in even-odd order. The 32 bytes of a block, read as 16 shorts, give
     * its even-indexed values (low bytes) and odd-indexed ones (high bytes); so each int lane sums four consecutive
     * values, as llama.cpp's {@code mul_sum_i8_pairs_float} does, and the float rounding is llama.cpp's too.
     */
    private static float one(MemorySegment s, long row, short[] x, float[] xd, int blocks) {
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long at = row + b * 34L;
            ShortVector pairs = ShortVector.fromMemorySegment(S, s, at + 2, LE);
            ShortVector even = pairs.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 8);
            ShortVector odd = pairs.lanewise(VectorOperators.ASHR, 8);
            acc = block(even, odd, x, b * 32, f16(s, at) * xd[b], acc);
        }
        return lanes(acc);
    }

    /** acc + scale·Σ w·x over a block of 32 given as two 16-short halves (x in the same order): 8 lanes, each the sum of 4 integer products. */
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

    /** Sixteen signed bytes as shorts. */
    static ShortVector widen(byte[] s, int at) {
        return (ShortVector) ByteVector.fromArray(B16, s, at).convertShape(VectorOperators.B2S, S, 0);
    }

    static float f16(MemorySegment s, long at) {
        return Float.float16ToFloat(s.get(SHORT_LE, at));
    }

    /** The little-endian f16 at {@code s[at]}. */
    static float f16(byte[] s, int at) {
        return Float.float16ToFloat((short) ((s[at] & 0xff) | s[at + 1] << 8));
    }

    private static final VectorShuffle<Float> OTHER_HALF = VectorShuffle.fromValues(F, 4, 5, 6, 7, 0, 1, 2, 3);
    private static final VectorShuffle<Float> OTHER_PAIR = VectorShuffle.fromValues(F, 2, 3, 0, 1, 6, 7, 4, 5);
    private static final VectorShuffle<Float> OTHER_LANE = VectorShuffle.fromValues(F, 1, 0, 3, 2, 5, 4, 7, 6);

    /**
     * The sum of a vector's 8 lanes in a fixed order, ((0+4)+(2+6))+((1+5)+(3+7)), by lanewise adds. reduceLanes(ADD)
     * leaves the order open, and the interpreter and the JIT compiler then round differently: an answer would depend
     * on how warm the JVM is.
     */
    static float lanes(FloatVector v) {
        FloatVector a = v.add(v.rearrange(OTHER_HALF));
        a = a.add(a.rearrange(OTHER_PAIR));
        return a.add(a.rearrange(OTHER_LANE)).lane(0);
    }
}
