package dev.jack.llm.engine;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;

import static dev.jack.llm.engine.BlockQ8_0.B16;
import static dev.jack.llm.engine.BlockQ8_0.F;
import static dev.jack.llm.engine.BlockQ8_0.I;
import static dev.jack.llm.engine.BlockQ8_0.LE;
import static dev.jack.llm.engine.BlockQ8_0.S;
import static dev.jack.llm.engine.BlockQ8_0.f16;
import static dev.jack.llm.engine.BlockQ8_0.lanes;

/**
 * Q4_0 rows: blocks of 32 values, an f16 d and 16 bytes whose low nibbles are values 0–15 and high nibbles values
 * 16–31 (ggml's {@code block_q4_0}), value = d·(q − 8). Products against q8_0 activations are llama.cpp's
 * {@code ggml_vec_dot_q4_0_q8_0}: the nibbles less 8 times the activation bytes, summed exactly, scaled once.
 *
 * <p>Hand-written for speed on the Vector API: for a single input the 16 bytes are widened to shorts once, the two
 * nibbles taken apart with a mask and a shift, and multiplied 16 at a time (a nibble less 8 times an activation byte
 * fits a short with room for four, so pairs become ints in three operations). A batch of three or more takes the same
 * integer sums in float lanes, as {@link BlockQ8_0} does, each block's nibbles decoded once for four inputs
 * ({@link #four}) rather than once per input (batched decode of 4, 8 and 16 sequences of a 1B model took 17%, 16% and
 * 10% less CPU time, medians of 6 rounds alternating both builds in one JVM, identical logits; two sequences ran
 * faster with {@link #one} each, 16.1–19.3 tokens/s against 14.8–15.7 in three alternating runs); llama.cpp's batch path for Q4_0 on AVX2
 * is its {@code tinyBLAS_Q0_AVX} tiles of the same per-block integer sums.
 * C2's auto-vectorized short multiply-add (vpmaddwd) over the row's values unpacked to shorts took 1.75–1.8× the
 * time for one input and 1.5–2.6× for a batch of 8 (rows of 2048 and 8192 values, one JVM; {@link SuperBlocks} says
 * why).
 */
final class BlockQ4_0 implements QuantizedRows {
    static final BlockQ4_0 ROWS = new BlockQ4_0();

    /** A block's 16 bytes as 8 shorts. */
    private static final VectorSpecies<Short> S8 = ShortVector.SPECIES_128;

    /**
     * Up to this many inputs each take {@link #one}: the four-input kernel's shared decoding does not pay for its
     * two spare slots.
     */
    private static final int SINGLE = 2;

    private BlockQ4_0() {}

    @Override
    public Activations.Format activations(int count) {
        return count <= SINGLE ? Activations.Format.Q8_0 : Activations.Format.Q8_0_BY_PAIRS;
    }

    /**
     * Every vector operation is written out here, as in {@link #one}: no helper takes or returns a vector, since one
     * compiled on its own boxes them (in a micro-benchmark, a decode of 16 rows of 2048 through such helpers ran at
     * 140–260 µs for thousands of calls before reaching 4 µs).
     */
    @Override
    public void decode(MemorySegment data, long first, int n, float[] out, int at) {
        for (int b = 0; b < n / 32; b++) {
            long block = (first / 32 + b) * 18;
            FloatVector d = FloatVector.broadcast(F, f16(data, block));
            ShortVector q = (ShortVector) ByteVector.fromMemorySegment(B16, data, block + 2, LE).convertShape(VectorOperators.B2S, S, 0);
            ShortVector low = q.and((short) 0x0F).sub((short) 8);
            ShortVector high = q.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).sub((short) 8);
            int to = at + b * 32;
            ((FloatVector) low.convertShape(VectorOperators.S2F, F, 0)).mul(d).intoArray(out, to);
            ((FloatVector) low.convertShape(VectorOperators.S2F, F, 1)).mul(d).intoArray(out, to + 8);
            ((FloatVector) high.convertShape(VectorOperators.S2F, F, 0)).mul(d).intoArray(out, to + 16);
            ((FloatVector) high.convertShape(VectorOperators.S2F, F, 1)).mul(d).intoArray(out, to + 24);
        }
    }

    @Override
    public void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys) {
        int blocks = in / 32;
        long rowBytes = blocks * 18L;
        int count = x.count();
        if (count <= SINGLE) {
            for (int r = from; r < to; r++) {
                for (int t = 0; t < count; t++) ys[t][r] = one(data, r * rowBytes, x.values[t], x.scales[t], blocks);
            }
            return;
        }
        float[] sums = new float[32];
        for (int r = from; r < to; r++) {
            for (int t = 0; t < count; t += 4) {
                // A last group of fewer than four repeats its last input in the spare slots, whose sums are dropped.
                four(data, r * rowBytes, x.floats, x.scales, t, Math.min(t + 1, count - 1), Math.min(t + 2, count - 1), Math.min(t + 3, count - 1), blocks, sums);
                for (int k = 0; k < 4 && t + k < count; k++) ys[t + k][r] = lanes(sums, 8 * k);
            }
        }
    }

    /**
     * One row against one input. Per block of 32: the 16 bytes widened to shorts, values j and 16 + j (their two
     * nibbles less 8) multiplied with the activations in lane j, each pair of adjacent shorts added into an int (each
     * lane the sum of 4 integer products, below 2^15 in every pairwise step), converted to float and scaled once.
     *
     * <p>Every vector operation is written out here, none in a helper that returns a vector: the JIT compiles a
     * helper shared by several kernels on its own once it is hot, then does not inline that compiled code (too big),
     * and a vector returned from a call is boxed and its type unknown to the caller, whose next operations then run
     * the Vector API's Java fallback (seen in the machine code: {@code Int256Vector.convertShape} and
     * {@code toLongArray} on the decode path, Q4_0 decode 10x slower in such runs).
     */
    private static float one(MemorySegment s, long row, short[] x, float[] xd, int blocks) {
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long at = row + b * 18L;
            ShortVector q = (ShortVector) ByteVector.fromMemorySegment(B16, s, at + 2, LE).convertShape(VectorOperators.B2S, S, 0);
            ShortVector low = q.and((short) 0x0F).sub((short) 8);
            ShortVector high = q.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).sub((short) 8);
            IntVector p = low.mul(ShortVector.fromArray(S, x, b * 32)).add(high.mul(ShortVector.fromArray(S, x, b * 32 + 16))).reinterpretAsInts();
            IntVector pairs = p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
            acc = ((FloatVector) pairs.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, f16(s, at) * xd[b]), acc);
        }
        return lanes(acc);
    }

    /**
     * One row against inputs t0..t3 (in by-pairs order), each block's nibbles decoded once for the four, with the integer
     * sums of {@link #one} computed in float lanes: the block's 16 bytes read as 8 little-endian shorts put bytes 2l and
     * 2l + 1 in lane l, whose four nibbles less 8 are values 2l, 2l + 1, 16 + 2l and 17 + 2l, the products lane l of
     * {@link #one} sums. Each product (at most 8·127 in magnitude) and each lane's sum of four is an integer below 2^24,
     * exact in float, so the lane sums, their one scaling per block and the row's sum are {@link #one}'s floats bit for
     * bit (QuantizedRowsTest compares them). The accumulators go to {@code sums} (32 floats), for the reason
     * {@link BlockQ8_0}'s batch kernel gives. Each input's operations are written out rather than taken from a helper
     * (BlockQ8_0's {@code block} computes the same): a helper that two kernels call is compiled on its own once hot
     * and then not inlined, which boxes its vectors ({@link #one} says what that costs).
     */
    private static void four(MemorySegment s, long row, float[][] x, float[][] xd, int t0, int t1, int t2, int t3, int blocks, float[] sums) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        float[] x0 = x[t0];
        float[] x1 = x[t1];
        float[] x2 = x[t2];
        float[] x3 = x[t3];
        for (int b = 0; b < blocks; b++) {
            long at = row + b * 18L;
            IntVector q = (IntVector) ShortVector.fromMemorySegment(S8, s, at + 2, LE).convertShape(VectorOperators.S2I, I, 0);
            FloatVector w0 = (FloatVector) q.and(0x0F).sub(8).convert(VectorOperators.I2F, 0);
            FloatVector w1 = (FloatVector) q.lanewise(VectorOperators.ASHR, 8).and(0x0F).sub(8).convert(VectorOperators.I2F, 0);
            FloatVector w2 = (FloatVector) q.lanewise(VectorOperators.ASHR, 4).and(0x0F).sub(8).convert(VectorOperators.I2F, 0);
            FloatVector w3 = (FloatVector) q.lanewise(VectorOperators.ASHR, 12).and(0x0F).sub(8).convert(VectorOperators.I2F, 0);
            float d = f16(s, at);
            int v = b * 32;
            acc0 = w3.fma(FloatVector.fromArray(F, x0, v + 24), w2.fma(FloatVector.fromArray(F, x0, v + 16),
                    w1.fma(FloatVector.fromArray(F, x0, v + 8), w0.mul(FloatVector.fromArray(F, x0, v)))))
                    .fma(FloatVector.broadcast(F, d * xd[t0][b]), acc0);
            acc1 = w3.fma(FloatVector.fromArray(F, x1, v + 24), w2.fma(FloatVector.fromArray(F, x1, v + 16),
                    w1.fma(FloatVector.fromArray(F, x1, v + 8), w0.mul(FloatVector.fromArray(F, x1, v)))))
                    .fma(FloatVector.broadcast(F, d * xd[t1][b]), acc1);
            acc2 = w3.fma(FloatVector.fromArray(F, x2, v + 24), w2.fma(FloatVector.fromArray(F, x2, v + 16),
                    w1.fma(FloatVector.fromArray(F, x2, v + 8), w0.mul(FloatVector.fromArray(F, x2, v)))))
                    .fma(FloatVector.broadcast(F, d * xd[t2][b]), acc2);
            acc3 = w3.fma(FloatVector.fromArray(F, x3, v + 24), w2.fma(FloatVector.fromArray(F, x3, v + 16),
                    w1.fma(FloatVector.fromArray(F, x3, v + 8), w0.mul(FloatVector.fromArray(F, x3, v)))))
                    .fma(FloatVector.broadcast(F, d * xd[t3][b]), acc3);
        }
        acc0.intoArray(sums, 0);
        acc1.intoArray(sums, 8);
        acc2.intoArray(sums, 16);
        acc3.intoArray(sums, 24);
    }
}
