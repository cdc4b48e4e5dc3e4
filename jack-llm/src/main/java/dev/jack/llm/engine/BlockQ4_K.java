package dev.jack.llm.engine;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import static dev.jack.llm.engine.BlockQ8_0.f16;

/**
 * Q4_K rows: super-blocks of 256 values (ggml's {@code block_q4_K}): f16 d and dmin, twelve bytes packing eight
 * 6-bit scales and minimums, and 128 bytes of 4-bit values, where bytes 32j..32j+31 hold values 64j..64j+31 in
 * their low nibbles and 64j+32..64j+63 in their high ones; value = d·scale·q − dmin·minimum per 32 values.
 * Products against q8_K activations are llama.cpp's {@code ggml_vec_dot_q4_K_q8_K}: per super-block
 * Σ scale·Σ q·x in integers, times d·d_x, less dmin·d_x·Σ minimum·(the activations' sums per 32).
 *
 * <p>Hand-written for speed on the Vector API: each super-block is unpacked once and multiplied with every input of
 * the batch ({@link SuperBlocks}).
 */
final class BlockQ4_K implements QuantizedRows {
    static final BlockQ4_K ROWS = new BlockQ4_K();

    private static final VectorSpecies<Byte> B32 = ByteVector.SPECIES_256;
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private BlockQ4_K() {}

    @Override
    public Activations.Format activations() {
        return Activations.Format.Q8_K;
    }

    @Override
    public void decode(MemorySegment data, long first, int n, float[] out, int at) {
        SuperBlocks.decode(data, first, n, out, at, 144, 32, (row, block, into) -> {
            unpack(row, block, into);
            SuperBlocks.widen(into.bytes, into.q);
        });
    }

    @Override
    public void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys) {
        SuperBlocks.Dot dot = new SuperBlocks.Dot(data, in, 144, 32, x.count());
        SuperBlocks.Unpacked u = dot.unpacked;
        for (int r = from; r < to; r++) {
            byte[] row = dot.row(r);
            for (int b = 0; b < dot.blocks; b++) {
                unpack(row, b * 144, u);
                if (dot.count == 1) {
                    // One input: the bytes widened as they are multiplied, never stored as shorts.
                    SuperBlocks.groups32(u.bytes, u.scales, x.values[0], b * 256, u.d * x.scales[0][b], dot.acc, 0);
                    dot.subtracted[0] += SuperBlocks.minimums(u, x, 0, b);
                    continue;
                }
                SuperBlocks.widen(u.bytes, u.q);
                for (int t = 0; t < dot.count; t++) {
                    SuperBlocks.groups32(u.q, u.scales, x.values[t], b * 256, u.d * x.scales[t][b], dot.acc, t * 8);
                    dot.subtracted[t] += SuperBlocks.minimums(u, x, t, b);
                }
            }
            dot.store(r, ys);
        }
    }

    /**
     * The super-block at {@code row[block]}: its values as bytes (32 bytes' two nibbles at once, as llama.cpp's AVX2
     * {@code ggml_vec_dot_q4_K_q8_K}), its scales and minimums (unpacked from the twelve bytes as 32-bit words, as
     * its {@code utmp} code does) and d, dmin.
     */
    private static void unpack(byte[] row, int block, SuperBlocks.Unpacked into) {
        for (int j = 0; j < 4; j++) {
            ByteVector v = ByteVector.fromArray(B32, row, block + 16 + 32 * j);
            v.and((byte) 0x0F).intoArray(into.bytes, 64 * j);
            v.lanewise(VectorOperators.LSHR, 4).intoArray(into.bytes, 64 * j + 32);
        }
        int a = (int) INT_LE.get(row, block + 4);
        int b = (int) INT_LE.get(row, block + 8);
        int c = (int) INT_LE.get(row, block + 12);
        // Scales 0–3 are a's low 6 bits, minimums 0–3 b's; scales 4–7 and minimums 4–7 take c's nibbles below
        // the top 2 bits of a and b.
        bytes(a & 0x3f3f3f3f, into.scales, 0);
        bytes((c & 0x0f0f0f0f) | (a >>> 6 & 0x03030303) << 4, into.scales, 4);
        bytes(b & 0x3f3f3f3f, into.minimums, 0);
        bytes((c >>> 4 & 0x0f0f0f0f) | (b >>> 6 & 0x03030303) << 4, into.minimums, 4);
        into.d = f16(row, block);
        into.dmin = f16(row, block + 2);
    }

    /** The four bytes of a little-endian word to {@code out[at, at + 4)}. */
    private static void bytes(int word, int[] out, int at) {
        out[at] = word & 0xff;
        out[at + 1] = word >>> 8 & 0xff;
        out[at + 2] = word >>> 16 & 0xff;
        out[at + 3] = word >>> 24;
    }
}
