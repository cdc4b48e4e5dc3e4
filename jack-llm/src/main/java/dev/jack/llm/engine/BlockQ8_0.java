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
 * Products against q8_0 activations are llama.cpp's {@code ggml_vec_dot_q8_0_q8_0} (and its {@code tinyBLAS_Q0_AVX}
 * tiles, which sum the same way): per block, the 32 byte products are summed exactly and scaled once by d_w·d_x.
 *
 * <p>Hand-written for speed on the Vector API (an incubator module), which has no 8- or 16-bit multiply-add: the
 * bytes are converted to floats, and the integer products and their per-block sums are exact in float (under
 * 2^24), so float fused multiply-adds compute the integer dot product; converting bytes costs fewer instructions
 * than widening them to shorts and then pairs of products to ints, and decoded values serve several inputs: a batch of
 * four or more decodes each row once ({@link Decoded}), with the operations one input alone takes.
 */
final class BlockQ8_0 implements QuantizedRows {
    static final BlockQ8_0 ROWS = new BlockQ8_0();

    static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    static final VectorSpecies<Short> S = ShortVector.SPECIES_256;
    static final VectorSpecies<Byte> B16 = ByteVector.SPECIES_128;
    static final VectorSpecies<Byte> B8 = ByteVector.SPECIES_64;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);

    private BlockQ8_0() {}

    @Override
    public Activations.Format activations() {
        return Activations.Format.Q8_0_BY_FOUR;
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
        Decoded decoded = new Decoded(blocks);
        for (int r = from; r < to; r++) {
            long row = r * rowBytes;
            if (x.count() >= 4) {
                for (int b = 0; b < blocks; b++) {
                    long at = row + b * 34L;
                    IntVector q = IntVector.fromMemorySegment(I, data, at + 2, LE);
                    decoded.put(b, value(q, 0), value(q, 1), value(q, 2), value(q, 3), f16(data, at));
                }
            }
            int t = decoded.multiply(x, ys, r);
            for (; t < x.count(); t++) ys[t][r] = one(data, row, x.floats[t], x.scales[t], blocks);
        }
    }

    /**
     * A row decoded to floats for a batch: per block of 32 its four vectors of exact integer values (in the order of
     * the activations' floats) and its d. {@link #multiply} then serves groups of up to eight inputs from it with
     * the operations a type's one-input kernel applies to each block (four exact products chained, scaled once by
     * d·d_x, lanes summed in {@link #lanes}' order), so batching never changes a product's bits; the weights of a
     * block are loaded once per group, and four weight vectors, eight accumulators and a product in flight fit
     * AVX2's 16 registers (llama.cpp's {@code tinyBLAS_Q0_AVX} tiles likewise serve several columns per block).
     */
    static final class Decoded {
        final float[] w;
        final float[] d;

        Decoded(int blocks) {
            w = new float[blocks * 32];
            d = new float[blocks];
        }

        void put(int b, FloatVector w0, FloatVector w1, FloatVector w2, FloatVector w3, float scale) {
            w0.intoArray(w, b * 32);
            w1.intoArray(w, b * 32 + 8);
            w2.intoArray(w, b * 32 + 16);
            w3.intoArray(w, b * 32 + 24);
            d[b] = scale;
        }

        /**
         * {@code ys[t][r]} for the inputs of x in groups of eight, the last one of four to seven inputs (its empty
         * places repeat an input, their products unused); returns the first input left (fewer than four), for the
         * type's one-input kernel.
         */
        int multiply(Activations.Quantized x, float[][] ys, int r) {
            int t = 0;
            for (; x.count() - t >= 4; t += 8) eight(x.floats, x.scales, t, Math.min(8, x.count() - t), ys, r);
            return Math.min(t, x.count());
        }

        private void eight(float[][] x, float[][] xd, int t, int inputs, float[][] ys, int r) {
            float[] x0 = x[t];
            float[] x1 = x[t + 1];
            float[] x2 = x[t + 2];
            float[] x3 = x[t + 3];
            float[] x4 = x[t + Math.min(4, inputs - 1)];
            float[] x5 = x[t + Math.min(5, inputs - 1)];
            float[] x6 = x[t + Math.min(6, inputs - 1)];
            float[] x7 = x[t + Math.min(7, inputs - 1)];
            float[] d0 = xd[t];
            float[] d1 = xd[t + 1];
            float[] d2 = xd[t + 2];
            float[] d3 = xd[t + 3];
            float[] d4 = xd[t + Math.min(4, inputs - 1)];
            float[] d5 = xd[t + Math.min(5, inputs - 1)];
            float[] d6 = xd[t + Math.min(6, inputs - 1)];
            float[] d7 = xd[t + Math.min(7, inputs - 1)];
            FloatVector acc0 = FloatVector.zero(F);
            FloatVector acc1 = FloatVector.zero(F);
            FloatVector acc2 = FloatVector.zero(F);
            FloatVector acc3 = FloatVector.zero(F);
            FloatVector acc4 = FloatVector.zero(F);
            FloatVector acc5 = FloatVector.zero(F);
            FloatVector acc6 = FloatVector.zero(F);
            FloatVector acc7 = FloatVector.zero(F);
            for (int b = 0; b < d.length; b++) {
                int base = b * 32;
                FloatVector w0 = FloatVector.fromArray(F, w, base);
                FloatVector w1 = FloatVector.fromArray(F, w, base + 8);
                FloatVector w2 = FloatVector.fromArray(F, w, base + 16);
                FloatVector w3 = FloatVector.fromArray(F, w, base + 24);
                float scale = d[b];
                acc0 = block(w0, w1, w2, w3, x0, base, scale * d0[b], acc0);
                acc1 = block(w0, w1, w2, w3, x1, base, scale * d1[b], acc1);
                acc2 = block(w0, w1, w2, w3, x2, base, scale * d2[b], acc2);
                acc3 = block(w0, w1, w2, w3, x3, base, scale * d3[b], acc3);
                acc4 = block(w0, w1, w2, w3, x4, base, scale * d4[b], acc4);
                acc5 = block(w0, w1, w2, w3, x5, base, scale * d5[b], acc5);
                acc6 = block(w0, w1, w2, w3, x6, base, scale * d6[b], acc6);
                acc7 = block(w0, w1, w2, w3, x7, base, scale * d7[b], acc7);
            }
            ys[t][r] = lanes(acc0);
            ys[t + 1][r] = lanes(acc1);
            ys[t + 2][r] = lanes(acc2);
            ys[t + 3][r] = lanes(acc3);
            if (inputs > 4) ys[t + 4][r] = lanes(acc4);
            if (inputs > 5) ys[t + 5][r] = lanes(acc5);
            if (inputs > 6) ys[t + 6][r] = lanes(acc6);
            if (inputs > 7) ys[t + 7][r] = lanes(acc7);
        }
    }

    /**
     * One row against one input. A block's 32 bytes, read as 8 ints, give four vectors of values w[4k + m] (the
     * activations are in the same by-four order): four exact float products sum each lane's four consecutive values,
     * the lanes llama.cpp's {@code mul_sum_i8_pairs_float} sums, and each block is scaled once; the lanes are summed
     * in llama.cpp's {@code hsum_float_8} order, so a product equals llama.cpp's bit for bit.
     */
    private static float one(MemorySegment s, long row, float[] x, float[] xd, int blocks) {
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long at = row + b * 34L;
            IntVector q = IntVector.fromMemorySegment(I, s, at + 2, LE);
            acc = block(value(q, 0), value(q, 1), value(q, 2), value(q, 3), x, b * 32, f16(s, at) * xd[b], acc);
        }
        return lanes(acc);
    }

    /** Byte m of each of the 8 ints: values 4k + m of the block, as floats. */
    private static FloatVector value(IntVector q, int m) {
        IntVector v = m == 3 ? q : q.lanewise(VectorOperators.LSHL, 24 - 8 * m);
        return (FloatVector) v.lanewise(VectorOperators.ASHR, 24).convert(VectorOperators.I2F, 0);
    }

    /** acc + scale·Σ w·x over a block of 32 in by-four order: the integer products and their sums are exact in float. */
    static FloatVector block(FloatVector w0, FloatVector w1, FloatVector w2, FloatVector w3, float[] x, int base, float scale, FloatVector acc) {
        FloatVector p = w0.mul(FloatVector.fromArray(F, x, base));
        p = w1.fma(FloatVector.fromArray(F, x, base + 8), p);
        p = w2.fma(FloatVector.fromArray(F, x, base + 16), p);
        p = w3.fma(FloatVector.fromArray(F, x, base + 24), p);
        return p.fma(FloatVector.broadcast(F, scale), acc);
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
