package dev.jack.llm.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.jack.llm.engine.BlockQ8_0.F;
import static dev.jack.llm.engine.BlockQ8_0.S;
import static dev.jack.llm.engine.BlockQ8_0.f16;
import static dev.jack.llm.engine.BlockQ8_0.lanes;
import static dev.jack.llm.engine.BlockQ8_0.widen;

/**
 * Q4_K rows: super-blocks of 256 values (ggml's {@code block_q4_K}): f16 d and dmin, twelve bytes packing eight
 * 6-bit scales and minimums, and 128 bytes of 4-bit values, where bytes 32j..32j+31 hold values 64j..64j+31 in
 * their low nibbles and 64j+32..64j+63 in their high ones; value = d·scale·q − dmin·minimum per 32 values.
 * Products against q8_K activations are llama.cpp's {@code ggml_vec_dot_q4_K_q8_K}: per super-block
 * Σ scale·Σ q·x in integers, times d·d_x, less dmin·d_x·Σ minimum·(the activations' sums per 32).
 *
 * <p>Hand-written for speed on the Vector API: 32 bytes are widened to shorts once and split into nibbles; a
 * nibble times an activation byte fits a short with room for two, so each 32 values become 8 int lanes after
 * one pairwise add. Every input of the batch is multiplied with the nibbles while they are in registers.
 */
final class BlockQ4_K implements QuantizedRows {
    static final BlockQ4_K ROWS = new BlockQ4_K();
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;

    private BlockQ4_K() {}

    @Override
    public Activations.Format activations() {
        return Activations.Format.Q8_K;
    }

    @Override
    public void decode(MemorySegment data, long first, int n, float[] out, int at) {
        for (int b = 0; b < n / 256; b++) {
            long block = (first / 256 + b) * 144;
            float d = f16(data, block);
            float dmin = f16(data, block + 2);
            for (int j = 0; j < 4; j++) {
                float d1 = d * scale(data, block, 2 * j);
                float m1 = dmin * minimum(data, block, 2 * j);
                float d2 = d * scale(data, block, 2 * j + 1);
                float m2 = dmin * minimum(data, block, 2 * j + 1);
                int y = at + b * 256 + 64 * j;
                for (int l = 0; l < 32; l++) {
                    int q = data.get(ValueLayout.JAVA_BYTE, block + 16 + 32 * j + l) & 0xff;
                    out[y + l] = d1 * (q & 0xf) - m1;
                    out[y + 32 + l] = d2 * (q >> 4) - m2;
                }
            }
        }
    }

    /** The 6-bit scale j (0–7) of the super-block at {@code block} (ggml's {@code get_scale_min_k4}). */
    static int scale(MemorySegment s, long block, int j) {
        long at = block + 4;
        return j < 4 ? u8(s, at + j) & 63 : (u8(s, at + j + 4) & 0xf) | ((u8(s, at + j - 4) >> 6) << 4);
    }

    /** The 6-bit minimum j (0–7) of the super-block at {@code block}. */
    static int minimum(MemorySegment s, long block, int j) {
        long at = block + 4;
        return j < 4 ? u8(s, at + j + 4) & 63 : (u8(s, at + j + 4) >> 4) | ((u8(s, at + j) >> 6) << 4);
    }

    private static int u8(MemorySegment s, long at) {
        return s.get(ValueLayout.JAVA_BYTE, at) & 0xff;
    }

    @Override
    public void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys) {
        int blocks = in / 256;
        int count = x.count();
        // Per input: the super-block's integer sums (8 int lanes), the scaled sums over super-blocks (8 float
        // lanes) and the minimums' part (one float), kept in arrays so that one loop serves any batch.
        int[] sums = new int[count * 8];
        float[] acc = new float[count * 8];
        float[] minimums = new float[count];
        int[] scales = new int[8];
        for (int r = from; r < to; r++) {
            long row = (long) r * blocks * 144;
            java.util.Arrays.fill(acc, 0);
            java.util.Arrays.fill(minimums, 0);
            for (int b = 0; b < blocks; b++) {
                long block = row + b * 144L;
                for (int j = 0; j < 8; j++) scales[j] = scale(data, block, j);
                java.util.Arrays.fill(sums, 0);
                for (int j = 0; j < 4; j++) chunk(data, block + 16 + 32 * j, b * 256 + 64 * j, scales[2 * j], scales[2 * j + 1], x.values, count, sums);
                float d = f16(data, block);
                float dmin = f16(data, block + 2);
                for (int t = 0; t < count; t++) {
                    float dx = x.scales[t][b];
                    FloatVector scaled = ((FloatVector) IntVector.fromArray(I, sums, t * 8).convert(VectorOperators.I2F, 0))
                            .fma(FloatVector.broadcast(F, d * dx), FloatVector.fromArray(F, acc, t * 8));
                    scaled.intoArray(acc, t * 8);
                    int m = 0;
                    for (int j = 0; j < 8; j++) m += minimum(data, block, j) * x.sums[t][b * 8 + j];
                    minimums[t] += dmin * dx * m;
                }
            }
            for (int t = 0; t < count; t++) ys[t][r] = lanes(FloatVector.fromArray(F, acc, t * 8)) - minimums[t];
        }
    }

    /** 64 values (32 bytes at {@code at}) against every input, added to each input's 8 int lanes in {@code sums}. */
    private static void chunk(MemorySegment s, long at, int base, int lowScale, int highScale, short[][] x, int count, int[] sums) {
        ShortVector a = widen(s, at);
        ShortVector b = widen(s, at + 16);
        ShortVector low0 = a.and((short) 0x0F);
        ShortVector low1 = b.and((short) 0x0F);
        ShortVector high0 = a.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F);
        ShortVector high1 = b.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F);
        for (int t = 0; t < count; t++) {
            short[] v = x[t];
            ShortVector low = low0.mul(ShortVector.fromArray(S, v, base)).add(low1.mul(ShortVector.fromArray(S, v, base + 16)));
            ShortVector high = high0.mul(ShortVector.fromArray(S, v, base + 32)).add(high1.mul(ShortVector.fromArray(S, v, base + 48)));
            IntVector sum = smallPairs(low).mul(lowScale).add(smallPairs(high).mul(highScale));
            IntVector.fromArray(I, sums, t * 8).add(sum).intoArray(sums, t * 8);
        }
    }

    /**
     * Adjacent shorts added into ints, in three operations where {@link BlockQ8_0#pairs} takes four: right when
     * every pair's sum fits a short, as sums of 4-bit or 6-bit values times activation bytes do.
     */
    static IntVector smallPairs(ShortVector p) {
        IntVector i = p.reinterpretAsInts();
        return i.add(i.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
    }
}
