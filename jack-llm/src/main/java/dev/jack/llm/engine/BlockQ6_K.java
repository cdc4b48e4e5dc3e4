package dev.jack.llm.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.jack.llm.engine.BlockQ4_K.smallPairs;
import static dev.jack.llm.engine.BlockQ8_0.F;
import static dev.jack.llm.engine.BlockQ8_0.S;
import static dev.jack.llm.engine.BlockQ8_0.f16;
import static dev.jack.llm.engine.BlockQ8_0.lanes;
import static dev.jack.llm.engine.BlockQ8_0.widen;

/**
 * Q6_K rows: super-blocks of 256 values (ggml's {@code block_q6_K}): 128 bytes of low 4 bits, 64 bytes of high
 * 2 bits, sixteen signed 8-bit scales (one per 16 values) and an f16 d; value = d·scale·(q − 32). In each half
 * of 128 values, byte l of the low bits holds values l and l+64, byte l+32 values l+32 and l+96, and high-bit
 * byte l the top bits of all four. Products against q8_K activations are llama.cpp's
 * {@code ggml_vec_dot_q6_K_q8_K}: Σ scale·Σ (q − 32)·x in integers per super-block, times d·d_x.
 *
 * <p>Hand-written for speed on the Vector API. This is also the fused output head of Q4_K_M and Q4_0 models: the
 * 128k-row vocabulary matrix is decoded from the mapped file and multiplied in one pass, never widened to floats.
 */
final class BlockQ6_K implements QuantizedRows {
    static final BlockQ6_K ROWS = new BlockQ6_K();
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;

    private BlockQ6_K() {}

    @Override
    public Activations.Format activations() {
        return Activations.Format.Q8_K;
    }

    @Override
    public void decode(MemorySegment data, long first, int n, float[] out, int at) {
        for (int b = 0; b < n / 256; b++) {
            long block = (first / 256 + b) * 210;
            float d = f16(data, block + 208);
            for (int half = 0; half < 2; half++) {
                long ql = block + 64 * half;
                long qh = block + 128 + 32 * half;
                long sc = block + 192 + 8 * half;
                int y = at + b * 256 + 128 * half;
                for (int l = 0; l < 32; l++) {
                    int is = l / 16;
                    int h = u8(data, qh + l);
                    out[y + l] = d * i8(data, sc + is) * (((u8(data, ql + l) & 0xf) | ((h & 3) << 4)) - 32);
                    out[y + l + 32] = d * i8(data, sc + is + 2) * (((u8(data, ql + l + 32) & 0xf) | (((h >> 2) & 3) << 4)) - 32);
                    out[y + l + 64] = d * i8(data, sc + is + 4) * (((u8(data, ql + l) >> 4) | (((h >> 4) & 3) << 4)) - 32);
                    out[y + l + 96] = d * i8(data, sc + is + 6) * (((u8(data, ql + l + 32) >> 4) | (((h >> 6) & 3) << 4)) - 32);
                }
            }
        }
    }

    private static int u8(MemorySegment s, long at) {
        return s.get(ValueLayout.JAVA_BYTE, at) & 0xff;
    }

    private static int i8(MemorySegment s, long at) {
        return s.get(ValueLayout.JAVA_BYTE, at);
    }

    @Override
    public void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys) {
        int blocks = in / 256;
        int count = x.count();
        // Per input: the super-block's integer sums (8 int lanes) and the scaled sums over super-blocks (8 float lanes).
        int[] sums = new int[count * 8];
        float[] acc = new float[count * 8];
        int[] scales = new int[16];
        for (int r = from; r < to; r++) {
            long row = (long) r * blocks * 210;
            java.util.Arrays.fill(acc, 0);
            for (int b = 0; b < blocks; b++) {
                long block = row + b * 210L;
                for (int j = 0; j < 16; j++) scales[j] = i8(data, block + 192 + j);
                java.util.Arrays.fill(sums, 0);
                half(data, block, block + 128, b * 256, scales, 0, x.values, count, sums);
                half(data, block + 64, block + 160, b * 256 + 128, scales, 8, x.values, count, sums);
                float d = f16(data, block + 208);
                for (int t = 0; t < count; t++) {
                    ((FloatVector) IntVector.fromArray(I, sums, t * 8).convert(VectorOperators.I2F, 0))
                            .fma(FloatVector.broadcast(F, d * x.scales[t][b]), FloatVector.fromArray(F, acc, t * 8))
                            .intoArray(acc, t * 8);
                }
            }
            for (int t = 0; t < count; t++) ys[t][r] = lanes(FloatVector.fromArray(F, acc, t * 8));
        }
    }

    /**
     * One half super-block (64 bytes of low bits at {@code ql}, 32 of high bits at {@code qh}) against every input:
     * eight runs of 16 values, each multiplied and scaled in integers and added to the input's 8 int lanes.
     */
    private static void half(MemorySegment s, long ql, long qh, int base, int[] scales, int firstScale, short[][] x, int count, int[] sums) {
        ShortVector l0 = widen(s, ql);
        ShortVector l1 = widen(s, ql + 16);
        ShortVector l2 = widen(s, ql + 32);
        ShortVector l3 = widen(s, ql + 48);
        ShortVector h0 = widen(s, qh);
        ShortVector h1 = widen(s, qh + 16);
        // (bits 2k, 2k+1 of the high byte) << 4, by shifting them onto bits 4 and 5.
        ShortVector q1a = value(l0.and((short) 0x0F), h0.lanewise(VectorOperators.LSHL, 4));
        ShortVector q1b = value(l1.and((short) 0x0F), h1.lanewise(VectorOperators.LSHL, 4));
        ShortVector q2a = value(l2.and((short) 0x0F), h0.lanewise(VectorOperators.LSHL, 2));
        ShortVector q2b = value(l3.and((short) 0x0F), h1.lanewise(VectorOperators.LSHL, 2));
        ShortVector q3a = value(l0.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F), h0);
        ShortVector q3b = value(l1.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F), h1);
        ShortVector q4a = value(l2.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F), h0.lanewise(VectorOperators.ASHR, 2));
        ShortVector q4b = value(l3.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F), h1.lanewise(VectorOperators.ASHR, 2));
        int s0 = scales[firstScale];
        int s1 = scales[firstScale + 1];
        int s2 = scales[firstScale + 2];
        int s3 = scales[firstScale + 3];
        int s4 = scales[firstScale + 4];
        int s5 = scales[firstScale + 5];
        int s6 = scales[firstScale + 6];
        int s7 = scales[firstScale + 7];
        for (int t = 0; t < count; t++) {
            short[] v = x[t];
            IntVector sum = product(q1a, v, base, s0).add(product(q1b, v, base + 16, s1))
                    .add(product(q2a, v, base + 32, s2)).add(product(q2b, v, base + 48, s3))
                    .add(product(q3a, v, base + 64, s4)).add(product(q3b, v, base + 80, s5))
                    .add(product(q4a, v, base + 96, s6)).add(product(q4b, v, base + 112, s7));
            IntVector.fromArray(I, sums, t * 8).add(sum).intoArray(sums, t * 8);
        }
    }

    /** The 6-bit value less 32 from its low 4 bits and its high 2 bits already on bits 4 and 5 (other bits masked). */
    private static ShortVector value(ShortVector low, ShortVector highOnBits4And5) {
        return low.or(highOnBits4And5.and((short) 0x30)).sub((short) 32);
    }

    private static IntVector product(ShortVector q, short[] x, int at, int scale) {
        return smallPairs(q.mul(ShortVector.fromArray(S, x, at))).mul(scale);
    }
}
