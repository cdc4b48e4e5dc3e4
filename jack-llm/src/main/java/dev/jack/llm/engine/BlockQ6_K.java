package dev.jack.llm.engine;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;

import static dev.jack.llm.engine.BlockQ8_0.B16;
import static dev.jack.llm.engine.BlockQ8_0.F;
import static dev.jack.llm.engine.BlockQ8_0.I;
import static dev.jack.llm.engine.BlockQ8_0.S;
import static dev.jack.llm.engine.BlockQ8_0.f16;

/**
 * Q6_K rows: super-blocks of 256 values (ggml's {@code block_q6_K}): 128 bytes of low 4 bits, 64 bytes of high
 * 2 bits, sixteen signed 8-bit scales (one per 16 values) and an f16 d; value = d·scale·(q − 32). In each half
 * of 128 values, byte l of the low bits holds values l and l+64, byte l+32 values l+32 and l+96, and high-bit
 * byte l the top bits of all four. Products against q8_K activations are llama.cpp's
 * {@code ggml_vec_dot_q6_K_q8_K}: Σ scale·Σ (q − 32)·x in integers per super-block, times d·d_x.
 *
 * <p>Hand-written for speed on the Vector API ({@link SuperBlocks}). This is also the fused output head of Q4_K_M and
 * Q4_0 models: the 128k-row vocabulary matrix is decoded from the mapped file and multiplied in one pass, never
 * widened to floats; a single input's products take the values straight from the row's bytes ({@link #products}), a
 * batch's unpack each super-block once for all its inputs.
 */
final class BlockQ6_K implements QuantizedRows {
    static final BlockQ6_K ROWS = new BlockQ6_K();

    private BlockQ6_K() {}

    @Override
    public Activations.Format activations(int count) {
        return Activations.Format.Q8_K;
    }

    @Override
    public void decode(MemorySegment data, long first, int n, float[] out, int at) {
        byte[] bytes = SuperBlocks.bytes(data, first, n, 210);
        SuperBlocks.Unpacked u = new SuperBlocks.Unpacked(16);
        for (int b = 0; b < n / 256; b++) {
            unpack(bytes, b * 210, u);
            SuperBlocks.floats(u, 16, out, at + b * 256);
        }
    }

    @Override
    public void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys) {
        SuperBlocks.Dot dot = new SuperBlocks.Dot(data, in, 210, 16, x.count());
        if (dot.count == 1) one(dot, x, from, to, ys);
        else batch(dot, x, from, to, ys);
    }

    /** {@link #dot} for a single input, in a method of its own for the reason BlockQ4_K's class comment gives. */
    private static void one(SuperBlocks.Dot dot, Activations.Quantized x, int from, int to, float[][] ys) {
        for (int r = from; r < to; r++) {
            byte[] row = dot.row(r);
            for (int b = 0; b < dot.blocks; b++) {
                products(row, b * 210, x.values[0], b * 256, f16(row, b * 210 + 208) * x.scales[0][b], dot.acc, 0);
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
                unpack(row, b * 210, u);
                for (int t = 0; t < dot.count; t++) SuperBlocks.groups16(u.q, u.scales, x.values[t], b * 256, u.d * x.scales[t][b], dot.acc, t * 8);
            }
            dot.store(r, ys);
        }
    }

    /**
     * acc[at, at + 8) += scale · Σ_groups of 16 (group scale · Σ (q − 32)·x) for the super-block at {@code row[block]},
     * the sums in integers as ggml_vec_dot_q6_K_q8_K's. The values go straight from the row's bytes to the products,
     * sixteen columns of a half at a time as {@link #columns} assembles them (each 16 values one group of 16), and each
     * group's 16 products have adjacent shorts added into ints (a 6-bit value times an activation byte fits a short with
     * room for two), times the group scale: the integer sums of {@link SuperBlocks#groups16} lane for lane, without
     * storing the unpacked values and reloading them (a Q4_K_M token on one thread 8–18% less CPU time, 4 of 4 rounds
     * alternating both builds in one JVM, identical logits). Only for a single input: a batch re-assembling the values
     * once per input decoded 16 sequences about 14% slower than unpacking them once. Every vector operation is written
     * out, for the reason {@link SuperBlocks#groups16} gives.
     */
    private static void products(byte[] s, int block, short[] x, int base, float scale, float[] acc, int at) {
        IntVector sum = IntVector.zero(I);
        for (int k = 0; k < 4; k++) {
            int half = k >> 1;
            int c = k & 1;
            int ql = block + 64 * half + 16 * c;
            ShortVector low = (ShortVector) ByteVector.fromArray(B16, s, ql).convertShape(VectorOperators.B2S, S, 0);
            ShortVector high = (ShortVector) ByteVector.fromArray(B16, s, ql + 32).convertShape(VectorOperators.B2S, S, 0);
            ShortVector h = (ShortVector) ByteVector.fromArray(B16, s, block + 128 + 32 * half + 16 * c).convertShape(VectorOperators.B2S, S, 0);
            int v = base + 128 * half + 16 * c;
            int g = block + 192 + 8 * half + c;
            IntVector p = low.and((short) 0x0F).or(h.lanewise(VectorOperators.LSHL, 4).and((short) 0x30)).sub((short) 32)
                    .mul(ShortVector.fromArray(S, x, v)).reinterpretAsInts();
            sum = sum.add(p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16).mul(s[g]));
            p = high.and((short) 0x0F).or(h.lanewise(VectorOperators.LSHL, 2).and((short) 0x30)).sub((short) 32)
                    .mul(ShortVector.fromArray(S, x, v + 32)).reinterpretAsInts();
            sum = sum.add(p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16).mul(s[g + 2]));
            p = low.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).or(h.and((short) 0x30)).sub((short) 32)
                    .mul(ShortVector.fromArray(S, x, v + 64)).reinterpretAsInts();
            sum = sum.add(p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16).mul(s[g + 4]));
            p = high.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).or(h.lanewise(VectorOperators.ASHR, 2).and((short) 0x30)).sub((short) 32)
                    .mul(ShortVector.fromArray(S, x, v + 96)).reinterpretAsInts();
            sum = sum.add(p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16).mul(s[g + 6]));
        }
        ((FloatVector) sum.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scale), FloatVector.fromArray(F, acc, at)).intoArray(acc, at);
    }

    private static void unpack(byte[] row, int block, SuperBlocks.Unpacked into) {
        // One call site: inlined twice (once per half), the four columns' vector code passed the JIT's node budget
        // and the rest of the method was compiled as calls returning boxed vectors.
        for (int k = 0; k < 4; k++) {
            int half = k >> 1;
            columns(row, block + 64 * half, block + 128 + 32 * half, k & 1, into.q, 128 * half);
        }
        for (int j = 0; j < 16; j++) into.scales[j] = row[block + 192 + j];
        into.d = f16(row, block + 208);
    }

    /**
     * Sixteen columns of a half super-block: low-bit bytes {@code ql[16c, 16c + 16)} and {@code ql[32 + 16c, ...)}, high-bit
     * bytes {@code qh[16c, ...)}, giving values 16c.. of each of the half's four runs of 32 (less 32) to q[at + ...). Kept
     * this small, and widening its bytes itself rather than in a helper, so that the JIT compiles it to vector code.
     */
    private static void columns(byte[] s, int ql, int qh, int c, short[] q, int at) {
        ShortVector low = (ShortVector) ByteVector.fromArray(B16, s, ql + 16 * c).convertShape(VectorOperators.B2S, S, 0);
        ShortVector high = (ShortVector) ByteVector.fromArray(B16, s, ql + 32 + 16 * c).convertShape(VectorOperators.B2S, S, 0);
        ShortVector h = (ShortVector) ByteVector.fromArray(B16, s, qh + 16 * c).convertShape(VectorOperators.B2S, S, 0);
        // The high byte's bits 2k, 2k+1 shifted onto bits 4 and 5, above the low 4 bits.
        low.and((short) 0x0F).or(h.lanewise(VectorOperators.LSHL, 4).and((short) 0x30)).sub((short) 32).intoArray(q, at + 16 * c);
        high.and((short) 0x0F).or(h.lanewise(VectorOperators.LSHL, 2).and((short) 0x30)).sub((short) 32).intoArray(q, at + 32 + 16 * c);
        low.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).or(h.and((short) 0x30)).sub((short) 32).intoArray(q, at + 64 + 16 * c);
        high.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).or(h.lanewise(VectorOperators.ASHR, 2).and((short) 0x30)).sub((short) 32)
                .intoArray(q, at + 96 + 16 * c);
    }

}
