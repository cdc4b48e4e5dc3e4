package dev.jack.llm.engine;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;

import static dev.jack.llm.engine.BlockQ8_0.B16;
import static dev.jack.llm.engine.BlockQ8_0.S;
import static dev.jack.llm.engine.BlockQ8_0.f16;

/**
 * Q4_K rows: super-blocks of 256 values (ggml's {@code block_q4_K}): f16 d and dmin, twelve bytes packing eight
 * 6-bit scales and minimums, and 128 bytes of 4-bit values, where bytes 32j..32j+31 hold values 64j..64j+31 in
 * their low nibbles and 64j+32..64j+63 in their high ones; value = d·scale·q − dmin·minimum per 32 values.
 * Products against q8_K activations are llama.cpp's {@code ggml_vec_dot_q4_K_q8_K}: per super-block
 * Σ scale·Σ q·x in integers, times d·d_x, less dmin·d_x·Σ minimum·(the activations' sums per 32).
 *
 * <p>Hand-written for speed on the Vector API: each super-block's nibbles are widened to shorts once and multiplied
 * with every input of the batch ({@link SuperBlocks}).
 */
final class BlockQ4_K implements QuantizedRows {
    static final BlockQ4_K ROWS = new BlockQ4_K();

    private BlockQ4_K() {}

    @Override
    public Activations.Format activations() {
        return Activations.Format.Q8_K;
    }

    @Override
    public void decode(MemorySegment data, long first, int n, float[] out, int at) {
        SuperBlocks.decode(data, first, n, out, at, 144, 32, BlockQ4_K::unpack);
    }

    /** The 6-bit scale j (0–7) of the super-block at {@code row[at]} (ggml's {@code get_scale_min_k4}). */
    private static int scale(byte[] row, int at, int j) {
        return j < 4 ? row[at + 4 + j] & 63 : (row[at + 8 + j] & 0xf) | (((row[at + j] & 0xff) >> 6) << 4);
    }

    /** The 6-bit minimum j (0–7) of the super-block at {@code row[at]}. */
    private static int minimum(byte[] row, int at, int j) {
        return j < 4 ? row[at + 8 + j] & 63 : ((row[at + 8 + j] & 0xff) >> 4) | (((row[at + 4 + j] & 0xff) >> 6) << 4);
    }

    @Override
    public void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys) {
        SuperBlocks.Dot dot = new SuperBlocks.Dot(data, in, 144, 32, x.count());
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

    /** The bytes widen to shorts here, not in a shared helper: one the JIT did not inline would box every vector. */
    private static void unpack(byte[] row, int block, SuperBlocks.Unpacked into) {
        short[] q = into.q;
        for (int j = 0; j < 4; j++) {
            ShortVector a = (ShortVector) ByteVector.fromArray(B16, row, block + 16 + 32 * j).convertShape(VectorOperators.B2S, S, 0);
            ShortVector b = (ShortVector) ByteVector.fromArray(B16, row, block + 32 + 32 * j).convertShape(VectorOperators.B2S, S, 0);
            a.and((short) 0x0F).intoArray(q, 64 * j);
            b.and((short) 0x0F).intoArray(q, 64 * j + 16);
            a.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).intoArray(q, 64 * j + 32);
            b.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).intoArray(q, 64 * j + 48);
        }
        for (int j = 0; j < 8; j++) {
            into.scales[j] = scale(row, block, j);
            into.minimums[j] = minimum(row, block, j);
        }
        into.d = f16(row, block);
        into.dmin = f16(row, block + 2);
    }
}
