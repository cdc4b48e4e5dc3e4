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
 * straight into the products ({@link #rowProduct}); a batch, and decoding to floats, unpack them to shorts once first
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
        SuperBlocks.Unpacked u = new SuperBlocks.Unpacked();
        for (int b = 0; b < n / 256; b++) {
            unpack(bytes, b * 144, u);
            SuperBlocks.floats(u, out, at + b * 256);
        }
    }

    @Override
    public void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys) {
        SuperBlocks.Dot dot = new SuperBlocks.Dot(data, in, 144, x.count());
        if (dot.count == 1) one(dot, x, from, to, ys);
        else batch(dot, x, from, to, ys);
    }

    /** {@link #dot} for a single input. */
    private static void one(SuperBlocks.Dot dot, Activations.Quantized x, int from, int to, float[][] ys) {
        for (int r = from; r < to; r++) ys[0][r] = rowProduct(dot.row(r), dot.blocks, x.values[0], x.scales[0], x.sums[0]);
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
     * little-endian words ({@link #word}), as llama.cpp's utmp: scales 0-3 and minimums 0-3 are the low 6 bits of words
     * 0 and 1 ({@link #low}); scales and minimums 4-7 take their low 4 bits from word 2's nibbles and their top 2 bits
     * from the top of words 0 and 1 ({@link #high}; ggml's get_scale_min_k4, a byte at a time). Each word holds four
     * of them, one a byte ({@link #packedByte}).
     */
    private static void scales(byte[] row, int block, SuperBlocks.Unpacked into) {
        int u0 = word(row, block, 0);
        int u1 = word(row, block, 1);
        int u2 = word(row, block, 2);
        for (int j = 0; j < 4; j++) {
            into.scales[j] = packedByte(low(u0), j);
            into.scales[j + 4] = packedByte(high(u2, u0), j);
            into.minimums[j] = packedByte(low(u1), j);
            into.minimums[j + 4] = packedByte(high(u2 >>> 4, u1), j);
        }
        into.d = f16(row, block);
        into.dmin = f16(row, block + 2);
    }

    /**
     * Little-endian word k (0-2) of a super-block's twelve bytes of scales and minimums. This and the other small
     * steps of {@link #scales} stay under the JIT's size for inlining a method whatever its profile (35 bytes of
     * bytecode): with one larger step choosing among the four words by a switch, {@link #rowProduct} took twice the time
     * for the first rounds of a benchmark (one run) before settling at this version's.
     */
    private static int word(byte[] row, int block, int k) {
        return (int) INT_LE.get(row, block + 4 + 4 * k);
    }

    /** Scales or minimums 0-3 (a byte each) from word 0 or 1. */
    private static int low(int word) {
        return word & 0x3f3f3f3f;
    }

    /** Scales or minimums 4-7 (a byte each): the low 4 bits from {@code nibbles}, the top 2 from the top of {@code top}. */
    private static int high(int nibbles, int top) {
        return (nibbles & 0x0f0f0f0f) | ((top >>> 6) & 0x03030303) << 4;
    }

    /** Byte j (0-3) of a word of four scales or minimums. */
    private static int packedByte(int packed, int j) {
        return packed >>> 8 * j & 0xff;
    }

    /**
     * Row · x for a row of {@code blocks} super-blocks, as ggml_vec_dot_q4_K_q8_K: per super-block Σ scale·Σ q·x in
     * integers, added to eight float lanes times d·d_x, less dmin·d_x·Σ minimum·(the activations' sums per 32), the
     * lanes summed at the end ({@link BlockQ8_0#lanes}) and the minimums' total subtracted. Each 32 bytes of nibbles are
     * widened to shorts once, their low and high nibbles (two groups) multiplied with the activations 16 at a time,
     * adjacent shorts added into ints in three operations (a nibble times an activation byte is at most 15·128 = 1920 in
     * magnitude, so a short holds the sum of two and an int lane the sum of four), times the group scale.
     *
     * <p>The nibbles go straight from the row's bytes to the products: unpacking them to shorts first stored and
     * reloaded every value (a Q4_K_M token took 7–24% less CPU time without it). The whole row is one loop over its
     * super-blocks, with the scales and minimums in registers (as {@link #scales} reads them) and the lanes in a
     * vector: with a call per super-block and the scales and minimums through arrays, rows of 2048 and 8192 took
     * 1.28–1.42× the CPU time (one JVM, alternating), and the loop lets the JIT hoist the bounds checks of its
     * accesses, all affine in the super-block (turning the Vector API's checks off no longer changes its time).
     * The same integers and float operations in the same order as {@link SuperBlocks#groups32} and
     * {@link SuperBlocks#minimums}, so a single input's products equal a batch's bit for bit. Every vector operation is
     * written out, for the reason {@link SuperBlocks#groups32} gives.
     */
    private static float rowProduct(byte[] row, int blocks, short[] x, float[] xScales, int[] xSums) {
        FloatVector acc = FloatVector.zero(F);
        float subtracted = 0;
        for (int b = 0; b < blocks; b++) {
            int block = b * 144;
            int u0 = word(row, block, 0);
            int u1 = word(row, block, 1);
            int u2 = word(row, block, 2);
            IntVector sum = IntVector.zero(I);
            for (int j = 0; j < 4; j++) {
                int scales = j < 2 ? low(u0) : high(u2, u0);
                ShortVector a = (ShortVector) ByteVector.fromArray(B16, row, block + 16 + 32 * j).convertShape(VectorOperators.B2S, S, 0);
                ShortVector c = (ShortVector) ByteVector.fromArray(B16, row, block + 32 + 32 * j).convertShape(VectorOperators.B2S, S, 0);
                int v = b * 256 + 64 * j;
                IntVector p = a.and((short) 0x0F).mul(ShortVector.fromArray(S, x, v))
                        .add(c.and((short) 0x0F).mul(ShortVector.fromArray(S, x, v + 16))).reinterpretAsInts();
                sum = sum.add(p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16).mul(packedByte(scales, 2 * j & 3)));
                p = a.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).mul(ShortVector.fromArray(S, x, v + 32))
                        .add(c.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).mul(ShortVector.fromArray(S, x, v + 48))).reinterpretAsInts();
                sum = sum.add(p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16).mul(packedByte(scales, 2 * j + 1 & 3)));
            }
            acc = ((FloatVector) sum.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, f16(row, block) * xScales[b]), acc);
            int minimums = 0;
            for (int j = 0; j < 4; j++) minimums += packedByte(low(u1), j) * xSums[b * 8 + j] + packedByte(high(u2 >>> 4, u1), j) * xSums[b * 8 + 4 + j];
            subtracted += f16(row, block + 2) * xScales[b] * minimums;
        }
        return BlockQ8_0.lanes(acc) - subtracted;
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
