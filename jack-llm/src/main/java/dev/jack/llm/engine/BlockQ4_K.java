package dev.jack.llm.engine;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import static dev.jack.llm.engine.BlockQ8_0.B16;
import static dev.jack.llm.engine.BlockQ8_0.F;
import static dev.jack.llm.engine.BlockQ8_0.I;
import static dev.jack.llm.engine.BlockQ8_0.S;
import static dev.jack.llm.engine.BlockQ8_0.f16;

/**
 * Q4_K rows: super-blocks of 256 values (ggml's {@code block_q4_K}): f16 d and dmin, twelve bytes packing eight
 * 6-bit scales and minimums, and 128 bytes of 4-bit values, where bytes 32j..32j+31 hold values 64j..64j+31 in
 * their low nibbles and 64j+32..64j+63 in their high ones; value = d·scale·q − dmin·minimum per 32 values.
 * Products against q8_K activations are llama.cpp's {@code ggml_vec_dot_q4_K_q8_K}: per super-block
 * Σ scale·Σ q·x in integers, times d·d_x, less dmin·d_x·Σ minimum·(the activations' sums per 32).
 *
 * <p>Hand-written for speed on the Vector API: for a single input, a super-block's nibbles go from the row's bytes
 * straight into the products ({@link #products}); a batch, and decoding to floats, unpack them to shorts once first
 * ({@link SuperBlocks}), since widening them again for each input of a batch decoded 8 sequences 12% slower (median of
 * 5 interleaved runs). One input and a batch run in methods of their own ({@link #one}, {@link #batch}), which the JIT
 * compiles apart: with both loops in {@code dot}, a batch after single-input decoding ran as slowly even with the
 * unpacking back.
 */
final class BlockQ4_K implements QuantizedRows {
    static final BlockQ4_K ROWS = new BlockQ4_K();

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private BlockQ4_K() {}

    @Override
    public Activations.Format activations(int count) {
        return Activations.Format.Q8_K;
    }

    @Override
    public void decode(MemorySegment data, long first, int n, float[] out, int at) {
        byte[] bytes = SuperBlocks.bytes(data, first, n, 144);
        SuperBlocks.Unpacked u = new SuperBlocks.Unpacked(8);
        for (int b = 0; b < n / 256; b++) {
            unpack(bytes, b * 144, u);
            SuperBlocks.floats(u, 32, out, at + b * 256);
        }
    }

    @Override
    public void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys) {
        SuperBlocks.Dot dot = new SuperBlocks.Dot(data, in, 144, 32, x.count());
        if (dot.count == 1) one(dot, x, from, to, ys);
        else batch(dot, x, from, to, ys);
    }

    /** {@link #dot} for a single input. */
    private static void one(SuperBlocks.Dot dot, Activations.Quantized x, int from, int to, float[][] ys) {
        SuperBlocks.Unpacked u = dot.unpacked;
        for (int r = from; r < to; r++) {
            byte[] row = dot.row(r);
            for (int b = 0; b < dot.blocks; b++) {
                scales(row, b * 144, u);
                products(row, b * 144 + 16, u.scales, x.values[0], b * 256, u.d * x.scales[0][b], dot.acc, 0);
                dot.subtracted[0] += SuperBlocks.minimums(u, x, 0, b);
            }
            dot.store(r, ys);
        }
    }

    /** {@link #dot} for two inputs or more: each super-block unpacked once for all of them. */
    private static void batch(SuperBlocks.Dot dot, Activations.Quantized x, int from, int to, float[][] ys) {
        SuperBlocks.Unpacked u = dot.unpacked;
        for (int r = from; r < to; r++) {
            byte[] row = dot.row(r);
            for (int b = 0; b < dot.blocks; b++) {
                unpack(row, b * 144, u);
                for (int t = 0; t < dot.count; t++) {
                    SuperBlocks.groups32(u.q, u.scales, x.values[t], b * 256, u.d * x.scales[t][b], dot.acc, t * 8);
                    dot.subtracted[t] += SuperBlocks.minimums(u, x, t, b);
                }
            }
            dot.store(r, ys);
        }
    }

    /** A super-block's values (for {@link #decode} and a batch's products) and its scales. */
    private static void unpack(byte[] row, int block, SuperBlocks.Unpacked into) {
        for (int j = 0; j < 4; j++) nibbles(row, block + 16 + 32 * j, into.q, 64 * j);
        scales(row, block, into);
    }

    /**
     * A super-block's scales, minimums, d and dmin. The twelve bytes of 6-bit scales and minimums are read as three
     * little-endian words, as llama.cpp's utmp: scales 0-3 and minimums 0-3 are the low 6 bits of words 0 and 1;
     * scales and minimums 4-7 take their low 4 bits from word 2's nibbles and their top 2 bits from the top of words
     * 0 and 1 (ggml's get_scale_min_k4, a byte at a time).
     */
    private static void scales(byte[] row, int block, SuperBlocks.Unpacked into) {
        int u0 = (int) INT_LE.get(row, block + 4);
        int u1 = (int) INT_LE.get(row, block + 8);
        int u2 = (int) INT_LE.get(row, block + 12);
        int scalesLow = u0 & 0x3f3f3f3f;
        int minimumsLow = u1 & 0x3f3f3f3f;
        int scalesHigh = (u2 & 0x0f0f0f0f) | ((u0 >>> 6) & 0x03030303) << 4;
        int minimumsHigh = ((u2 >>> 4) & 0x0f0f0f0f) | ((u1 >>> 6) & 0x03030303) << 4;
        for (int j = 0; j < 4; j++) {
            into.scales[j] = scalesLow >>> 8 * j & 0xff;
            into.scales[j + 4] = scalesHigh >>> 8 * j & 0xff;
            into.minimums[j] = minimumsLow >>> 8 * j & 0xff;
            into.minimums[j + 4] = minimumsHigh >>> 8 * j & 0xff;
        }
        into.d = f16(row, block);
        into.dmin = f16(row, block + 2);
    }

    /**
     * acc[at, at + 8) += scale · Σ_groups of 32 (group scale · Σ q·x) for the super-block whose 128 bytes of nibbles
     * start at {@code row[qs]}, the sums in integers as ggml_vec_dot_q4_K_q8_K's: each 32 bytes widened to shorts once,
     * their low and high nibbles (two groups) multiplied with the activations 16 at a time, adjacent shorts added into
     * ints in three operations (a nibble times an activation byte is at most 15·128 = 1920 in magnitude, so a short
     * holds the sum of two and an int lane the sum of four), times the group scale. The nibbles go straight from the
     * row's bytes to the products: unpacking them to shorts first stored and reloaded every value (a Q4_K_M token took
     * 7–24% less CPU time without it). Every vector operation is written out, for the reason
     * {@link SuperBlocks#groups16} gives.
     */
    private static void products(byte[] row, int qs, int[] scales, short[] x, int base, float scale, float[] acc, int at) {
        IntVector sum = IntVector.zero(I);
        for (int j = 0; j < 4; j++) {
            ShortVector a = (ShortVector) ByteVector.fromArray(B16, row, qs + 32 * j).convertShape(VectorOperators.B2S, S, 0);
            ShortVector b = (ShortVector) ByteVector.fromArray(B16, row, qs + 32 * j + 16).convertShape(VectorOperators.B2S, S, 0);
            int v = base + 64 * j;
            IntVector p = a.and((short) 0x0F).mul(ShortVector.fromArray(S, x, v))
                    .add(b.and((short) 0x0F).mul(ShortVector.fromArray(S, x, v + 16))).reinterpretAsInts();
            sum = sum.add(p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16).mul(scales[2 * j]));
            p = a.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).mul(ShortVector.fromArray(S, x, v + 32))
                    .add(b.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).mul(ShortVector.fromArray(S, x, v + 48))).reinterpretAsInts();
            sum = sum.add(p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16).mul(scales[2 * j + 1]));
        }
        ((FloatVector) sum.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scale), FloatVector.fromArray(F, acc, at)).intoArray(acc, at);
    }

    /**
     * The 32 bytes at {@code row[at]}: their low nibbles to q[to, to + 32), their high ones to q[to + 32, to + 64). The
     * bytes widen to shorts here, not in a shared helper: one the JIT did not inline would box every vector.
     */
    private static void nibbles(byte[] row, int at, short[] q, int to) {
        ShortVector a = (ShortVector) ByteVector.fromArray(B16, row, at).convertShape(VectorOperators.B2S, S, 0);
        ShortVector b = (ShortVector) ByteVector.fromArray(B16, row, at + 16).convertShape(VectorOperators.B2S, S, 0);
        a.and((short) 0x0F).intoArray(q, to);
        b.and((short) 0x0F).intoArray(q, to + 16);
        a.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).intoArray(q, to + 32);
        b.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).intoArray(q, to + 48);
    }
}
