package dev.jack.llm.engine;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;

import static dev.jack.llm.engine.BlockQ8_0.f16;

/**
 * Q6_K rows: super-blocks of 256 values (ggml's {@code block_q6_K}): 128 bytes of low 4 bits, 64 bytes of high
 * 2 bits, sixteen signed 8-bit scales (one per 16 values) and an f16 d; value = d·scale·(q − 32). In each half
 * of 128 values, byte l of the low bits holds values l and l+64, byte l+32 values l+32 and l+96, and high-bit
 * byte l the top bits of all four. Products against q8_K activations are llama.cpp's
 * {@code ggml_vec_dot_q6_K_q8_K}: Σ scale·Σ (q − 32)·x in integers per super-block, times d·d_x.
 *
 * <p>Hand-written for speed on the Vector API ({@link SuperBlocks}). This is also the fused output head of Q4_K_M and
 * Q4_0 models: the 128k-row vocabulary matrix is decoded from the mapped file and multiplied in one pass, each
 * super-block unpacked once for the whole batch.
 */
final class BlockQ6_K implements QuantizedRows {
    static final BlockQ6_K ROWS = new BlockQ6_K();

    private static final VectorSpecies<Byte> B32 = ByteVector.SPECIES_256;

    private BlockQ6_K() {}

    @Override
    public Activations.Format activations() {
        return Activations.Format.Q8_K;
    }

    @Override
    public void decode(MemorySegment data, long first, int n, float[] out, int at) {
        SuperBlocks.decode(data, first, n, out, at, 210, 16, (row, block, into) -> {
            unpack(row, block, into);
            SuperBlocks.widen(into.bytes, into.q);
        });
    }

    @Override
    public void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys) {
        SuperBlocks.Dot dot = new SuperBlocks.Dot(data, in, 210, 16, x.count());
        SuperBlocks.Unpacked u = dot.unpacked;
        for (int r = from; r < to; r++) {
            byte[] row = dot.row(r);
            for (int b = 0; b < dot.blocks; b++) {
                unpack(row, b * 210, u);
                if (dot.count == 1) {
                    // One input: the bytes widened as they are multiplied, never stored as shorts.
                    SuperBlocks.groups16(u.bytes, u.scales, x.values[0], b * 256, u.d * x.scales[0][b], dot.acc, 0);
                    continue;
                }
                SuperBlocks.widen(u.bytes, u.q);
                for (int t = 0; t < dot.count; t++) SuperBlocks.groups16(u.q, u.scales, x.values[t], b * 256, u.d * x.scales[t][b], dot.acc, t * 8);
            }
            dot.store(r, ys);
        }
    }

    /** The super-block at {@code row[block]}: its values less 32 as bytes, its scales and d. */
    private static void unpack(byte[] row, int block, SuperBlocks.Unpacked into) {
        half(row, block, block + 128, into.bytes, 0);
        half(row, block + 64, block + 160, into.bytes, 128);
        for (int j = 0; j < 16; j++) into.scales[j] = row[block + 192 + j];
        into.d = f16(row, block + 208);
    }

    /**
     * A half super-block, 32 columns at once: low-bit bytes {@code s[ql, ql + 64)} and high-bit bytes
     * {@code s[qh, qh + 32)} give values l, l + 32, l + 64 and l + 96 (less 32) of the half to q[at + ...), as
     * llama.cpp's AVX2 {@code ggml_vec_dot_q6_K_q8_K} unpacks them, in byte lanes.
     */
    private static void half(byte[] s, int ql, int qh, byte[] q, int at) {
        ByteVector low = ByteVector.fromArray(B32, s, ql);
        ByteVector high = ByteVector.fromArray(B32, s, ql + 32);
        ByteVector h = ByteVector.fromArray(B32, s, qh);
        // The high byte's bits 2k, 2k+1 moved onto bits 4 and 5, above the low 4 bits.
        low.and((byte) 0x0F).or(h.lanewise(VectorOperators.LSHL, 4).and((byte) 0x30)).sub((byte) 32).intoArray(q, at);
        high.and((byte) 0x0F).or(h.lanewise(VectorOperators.LSHL, 2).and((byte) 0x30)).sub((byte) 32).intoArray(q, at + 32);
        low.lanewise(VectorOperators.LSHR, 4).or(h.and((byte) 0x30)).sub((byte) 32).intoArray(q, at + 64);
        high.lanewise(VectorOperators.LSHR, 4).or(h.lanewise(VectorOperators.LSHR, 2).and((byte) 0x30)).sub((byte) 32).intoArray(q, at + 96);
    }
}
