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
 * <p>Hand-written for speed on the Vector API (an incubator module), which has no 8- or 16-bit multiply-add. A batch
 * converts the bytes to floats, and the integer products and their per-block sums are exact in float (under 2^24), so
 * float fused multiply-adds compute the integer dot product, each decoded block serving four inputs ({@link #four}).
 * A single input takes the same sums in integer lanes, bytes widened to shorts ({@link #one}, which says what C2 made
 * of each and the time each took).
 * C2's auto-vectorized short multiply-add (vpmaddwd) over the row's values unpacked to shorts, in an order whose pair
 * sums give these lanes, took 1.7–1.8× the time for one input and 1.9–2.8× for a batch of 8 (rows of 2048 and 8192
 * values, one JVM; {@link SuperBlocks} says why).
 *
 * <p>The rows are read in a layout of Jack's own, made once when the file is opened ({@link #repack}, for the reason
 * ggml-cpu's {@code repack.cpp} lays weights out anew), in the file's number of bytes: first every block's 32 bytes,
 * in the activations' by-four order ({@link Activations.Format#Q8_0_BY_FOUR}), so that each 8 bytes convert straight
 * to the 8 float lanes a product takes, then every block's d. One row of 2048 values against one input, over a 285 MB
 * matrix that streams from memory as a model's weights do: 205 CPU ns per row in the file's layout (taking the lanes
 * from it costs three shifts and a conversion per 8 values), 153 with each block's bytes reordered in place, 138 in
 * this layout (one JVM, 7 rounds each, on loaded cores; an AMD EPYC with AVX-512 VBMI, whose {@code vpermb} makes
 * {@link #decode}'s reordering one instruction). Those figures are of the single-input kernel of then, which summed in
 * float lanes as {@link #four} does; today's {@link #one} reads the same layout.
 */
final class BlockQ8_0 implements QuantizedRows {
    static final BlockQ8_0 ROWS = new BlockQ8_0();

    static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    static final VectorSpecies<Short> S = ShortVector.SPECIES_256;
    private static final VectorSpecies<Byte> B32 = ByteVector.SPECIES_256;
    static final VectorSpecies<Byte> B16 = ByteVector.SPECIES_128;
    static final VectorSpecies<Byte> B8 = ByteVector.SPECIES_64;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    /**
     * Whether this JVM's short vectors are 512 bits wide (AVX-512 with its byte and word instructions, AVX512BW, unless
     * {@code -XX:UseAVX} or {@code -XX:MaxVectorSize} says less): the one choice between the 512-bit kernels
     * (BlockQ4_0's single-input {@code two} and batch {@code fourWide}, BlockQ4_K's single-input {@code rowProductWide}
     * and batch {@code fourWide}, BlockQ6_K's single-input {@code oneWide} and batch {@code fourWide}, and with them
     * the order of Q6_K's activations) and their 256-bit ones. All but BlockQ4_K's {@code fourWide} (16 float lanes,
     * which AVX-512F alone has) multiply 32 shorts at a time; without AVX512BW (AVX2, or AVX-512F alone) C2 does not
     * compile 512-bit short operations to vector instructions and runs the Vector API's Java code, many times slower.
     */
    static final boolean WIDE = ShortVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);

    private BlockQ8_0() {}

    @Override
    public Activations.Format activations(int count) {
        return Activations.Format.Q8_0_BY_FOUR;
    }

    /** The repacked layout: every block's 32 bytes, then every block's f16 d (the file's 34 bytes a block). */
    private static final RepackedLayout LAYOUT = new RepackedLayout(34, 34, 32, 0);

    @Override
    public RepackedLayout repackedLayout() {
        return LAYOUT;
    }

    /**
     * Lays blocks {@code firstBlock..} of a tensor (the file's 34-byte blocks, a whole number of them, in {@code blocks})
     * out in {@code into}, the whole tensor's memory: block k's bytes to {@code into[32k, 32k + 32)}, byte j at
     * {@link Activations.Format#position}(j), and its d to the f16 at {@link RepackedLayout#ds}(into) + 2k.
     */
    @Override
    public void repack(MemorySegment blocks, long firstBlock, MemorySegment into) {
        long scales = LAYOUT.ds(into);
        for (long i = 0; i < blocks.byteSize() / 34; i++) {
            long k = firstBlock + i;
            ByteVector.fromMemorySegment(B32, blocks, 34 * i + 2, LE).rearrange(TO_BY_FOUR).intoMemorySegment(into, 32 * k, LE);
            into.set(SHORT_LE, scales + 2 * k, blocks.get(SHORT_LE, 34 * i));
        }
    }

    @Override
    public void decode(MemorySegment data, long first, int n, float[] out, int at) {
        long scales = LAYOUT.ds(data);
        for (int b = 0; b < n / 32; b++) {
            long k = first / 32 + b;
            FloatVector d = FloatVector.broadcast(F, f16(data, scales + 2 * k));
            ByteVector q = ByteVector.fromMemorySegment(B32, data, 32 * k, LE).rearrange(FROM_BY_FOUR);
            for (int part = 0; part < 4; part++) {
                ((FloatVector) q.convertShape(VectorOperators.B2F, F, part)).mul(d).intoArray(out, at + b * 32 + 8 * part);
            }
        }
    }

    @Override
    public void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys) {
        int blocks = in / 32;
        long scales = LAYOUT.ds(data);
        float[] sums = new float[32];
        for (int r0 = from; r0 < to; r0 += TILE) {
            int r1 = Math.min(to, r0 + TILE);
            int t = 0;
            for (; t + 4 <= x.count(); t += 4) {
                for (int r = r0; r < r1; r++) {
                    long row = (long) r * blocks;
                    four(data, 32 * row, scales + 2 * row, x.floats, x.scales, t, blocks, sums);
                    for (int k = 0; k < 4; k++) ys[t + k][r] = lanes(sums, 8 * k);
                }
            }
            for (; t < x.count(); t++) {
                for (int r = r0; r < r1; r++) {
                    long row = (long) r * blocks;
                    ys[t][r] = one(data, 32 * row, scales + 2 * row, x.values[t], x.scales[t], blocks);
                }
            }
        }
    }

    /**
     * Rows that each input (or four of them) runs through before the next inputs: a decode task's rows
     * ({@link Kernels#DECODE_ROWS}). An input's floats (8 KB a row of 2048, four inputs 32 KB) are then read from a
     * core's L1 and L2 cache across the rows, where one row after the other against all inputs read every input once
     * per row; the rows (64 KB) come back from L2. Every Q8_0 matrix of a 1B-shaped file on one thread (one JVM, both
     * orders taking turns, identical products): 458–474 ms of CPU against 484–513 for 8 inputs, 924–992 against
     * 930–1180 for 16, 245–248 against 260–271 for 4, 186–190 against 195–200 for 2.
     */
    private static final int TILE = Kernels.DECODE_ROWS;

    /**
     * One row against one input, its bytes at {@code s[row]} and its d values at {@code s[rowScales]}, in integer
     * lanes: a block's 32 repacked bytes, values w[4k + m] at byte 8m + k, are widened to shorts 16 at a time and
     * multiplied with the activations (widened to shorts in the same by-four order), so that short k of the sum of the
     * two halves' products holds the products of values 4k and 4k + 2 and short 8 + k those of 4k + 1 and 4k + 3 (each
     * pair below 2^15 in magnitude: the activations never reach −128); the two halves widened to ints and added make
     * lane k the sum of values 4k to 4k + 3, the lanes llama.cpp's {@code mul_sum_i8_pairs_float} sums, converted to
     * float and scaled once a block; the lanes are summed in llama.cpp's {@code hsum_float_8} order, so a product equals
     * llama.cpp's bit for bit, and {@link #four}'s, whose float lanes hold the same integers.
     *
     * <p>The float kernel this replaces, which {@link #four} still is for one input (four conversions of 8 bytes to
     * floats and four fused multiply-adds a block), was unrolled by C2 by four blocks with its accumulator spilled to
     * the stack every four (PrintAssembly), about 17 vector operations a block against 12 here (the upper half's
     * widening takes C2 four: vpermw, vpblendmw, a move and vpmovsxwd). Every Q8_0 matrix of a 1B-shaped file (1235M
     * values, the output head included) against one input on one thread, one JVM taking turns, identical products:
     * 72–83 ms of CPU, median 77, against 102–122, median 104 (8 rounds); decoding one sequence of that file
     * ({@code jack bench engine --prompt 16 --tokens 32}, 2 threads) 16.5–19.3 tokens/s against 10.0–14.5 in 5 runs of
     * each build taking turns, and 7.3–7.4 against 10.0–11.8 in 2 more on cores others loaded heavily (wall time above
     * CPU time); peak RSS unchanged, 1.55–1.57 GB. Tried and dropped: the float kernel over two
     * rows at once, r and r + half of the task's, with the d's stored as floats and each row's d·d_x computed 8 at a
     * time (109 against 112 ms: the samples of perf stood on the rows' loads, and the same rows repeated from cache took
     * 60 ms against 107 streamed from memory); this kernel over two such rows (174 against 107). Kept: the lanes summed
     * by {@code lanes(FloatVector)}, which C2 does not inline here (a cold call site past its size limit) and so boxes
     * the accumulator once a row: stored to an array and summed by {@link #lanes(float[], int)} instead, every Q8_0
     * matrix against one input on one thread took 107–164 ms against 110–154 (11 warm rounds each, one JVM taking
     * turns, identical products; 2026-12-03): no difference, as for Q6_K.
     */
    private static float one(MemorySegment s, long row, long rowScales, short[] x, float[] xd, int blocks) {
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long at = row + b * 32L;
            ShortVector w0 = (ShortVector) ByteVector.fromMemorySegment(B16, s, at, LE).convertShape(VectorOperators.B2S, S, 0);
            ShortVector w1 = (ShortVector) ByteVector.fromMemorySegment(B16, s, at + 16, LE).convertShape(VectorOperators.B2S, S, 0);
            ShortVector p = w0.mul(ShortVector.fromArray(S, x, b * 32)).add(w1.mul(ShortVector.fromArray(S, x, b * 32 + 16)));
            IntVector sum = ((IntVector) p.convertShape(VectorOperators.S2I, I, 0)).add((IntVector) p.convertShape(VectorOperators.S2I, I, 1));
            acc = ((FloatVector) sum.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, f16(s, rowScales + 2L * b) * xd[b]), acc);
        }
        return lanes(acc);
    }

    /**
     * One row against inputs t..t+3: the integer sums of {@link #one}, taken in float lanes (exact: every product and
     * lane sum is an integer under 2^24), each block's values converted to floats once for the four. The four
     * accumulators are stored to {@code sums} (32 floats) and summed by the caller: this method reaches C2's node
     * budget, after which {@code lanes(FloatVector)} was not inlined and boxed each accumulator. Tried and dropped (in a
     * lost attempt, figures not kept): a 512-bit integer kernel for four inputs, as BlockQ6_K's {@code fourWide},
     * gained nothing over this one.
     *
     * <p>Tried and dropped for batches of 4 to 16 (issue 16; every Q8_0 matrix of the 1B-shaped file against 4, 8 or 16
     * inputs on one thread, CPU time, one JVM taking turns with this kernel, identical products asserted, 5–12 rounds,
     * load 1.4–2.9 on 2 cores, figures this kernel's first): none was faster beyond the rounds' spread.
     * <ul>
     *   <li>Eight inputs in 512-bit vectors, two inputs a vector (their floats interleaved by 8 in a second copy of the
     *       activations, each block's 8 bytes broadcast to both halves, d·d_x as a vector of the two inputs' d times d;
     *       the same floats): half the instructions, but Zen 4 runs 512-bit operations in two halves. 8 inputs
     *       602–731 ms, median 648, against 606–659, median 639; 16 inputs 1089–1465, median 1121, against 1125–1251,
     *       median 1182 (10 rounds; an earlier copy outside the engine 581–738 against 556–623).</li>
     *   <li>Eight inputs in 256-bit vectors (8 accumulators): C2 stops inlining after the fourth input's steps
     *       (NodeCountInliningCutoff), which boxes the rest: 614–666 against 3306–3670. Likewise a 512-bit kernel of
     *       one input two 8-value parts a vector (each block's halves added before the scaling; 330–376 against
     *       1896–2061 for 4 inputs), and this kernel with the inputs in a MemorySegment.</li>
     *   <li>Two adjacent rows a pass, each input's floats loaded once for both (C2 kept 5 of the 8 accumulators on the
     *       stack, 77 instructions a row and block against 66): 4 inputs 300–315 against 323–336; 8 inputs 602–733
     *       against 559–744; 16 inputs 1264–1456 against 1258–1708; with each block's d·d_x for the row computed 8
     *       blocks at a time first, 602–733 against 593–855 and 1264–1456 against 1206–1449.</li>
     *   <li>This kernel with d·d_x computed 8 blocks at a time before the row (broadcast from memory, no scalar
     *       multiply in the loop): 361–450 against 384–436 (4 inputs), 602–733 against 689–769 (8).</li>
     *   <li>A row's blocks 16 or 32 at a time over the task's rows (accumulators kept in an array between runs, so
     *       four inputs' floats stay in L1): 4 inputs 323–371 against 516–643 (16) and 362–385 against 486–525
     *       (32).</li>
     *   <li>A block's four products summed as a tree ((w0·x0 + w1·x1) + (w2·x2 + w3·x3), the same integers): 301–395
     *       against 311–381 (4 inputs), 562–960 against 585–1033 (8); the activations at 32-byte aligned offsets
     *       ({@code -XX:ObjectAlignmentInBytes=32}, padded by 0 or 4 floats): no difference.</li>
     *   <li>A byte of the row 1 or 4 KB ahead read each block (a prefetch; perf's timer samples stand a sixth on the
     *       first loads of a block's bytes): 325–401 against 361–427 and 311–393 against 353–406 (4 inputs).</li>
     * </ul>
     * Each input's floats confined to 1 KB (a timing probe with wrong products) took 229–246 against 300–315: the
     * inputs' cache traffic is at most about a fifth of the time. This machine sustains 1.8 256-bit fused multiply-adds
     * a cycle (about 3.5 GHz, 10 independent chains); this kernel takes about 7 cycles a block and input for its 5
     * (0.7 a cycle), and no variant above moved that (the VM has no hardware counters for perf to say why).
     */
    private static void four(MemorySegment s, long row, long rowScales, float[][] x, float[][] xd, int t, int blocks, float[] sums) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        float[] x0 = x[t];
        float[] x1 = x[t + 1];
        float[] x2 = x[t + 2];
        float[] x3 = x[t + 3];
        for (int b = 0; b < blocks; b++) {
            long at = row + b * 32L;
            FloatVector w0 = value(s, at, 0);
            FloatVector w1 = value(s, at, 1);
            FloatVector w2 = value(s, at, 2);
            FloatVector w3 = value(s, at, 3);
            float d = f16(s, rowScales + 2L * b);
            acc0 = block(w0, w1, w2, w3, x0, b * 32, d * xd[t][b], acc0);
            acc1 = block(w0, w1, w2, w3, x1, b * 32, d * xd[t + 1][b], acc1);
            acc2 = block(w0, w1, w2, w3, x2, b * 32, d * xd[t + 2][b], acc2);
            acc3 = block(w0, w1, w2, w3, x3, b * 32, d * xd[t + 3][b], acc3);
        }
        acc0.intoArray(sums, 0);
        acc1.intoArray(sums, 8);
        acc2.intoArray(sums, 16);
        acc3.intoArray(sums, 24);
    }

    /** Values 4k + m (k = 0–7) of the repacked block at {@code s[at]}, as floats. */
    private static FloatVector value(MemorySegment s, long at, int m) {
        return (FloatVector) ByteVector.fromMemorySegment(B8, s, at + 8 * m, LE).convertShape(VectorOperators.B2F, F, 0);
    }

    /** acc + scale·Σ w·x over a block of 32 in by-four order: the integer products and their sums are exact in float. */
    private static FloatVector block(FloatVector w0, FloatVector w1, FloatVector w2, FloatVector w3, float[] x, int base, float scale, FloatVector acc) {
        FloatVector p = w0.mul(FloatVector.fromArray(F, x, base));
        p = w1.fma(FloatVector.fromArray(F, x, base + 8), p);
        p = w2.fma(FloatVector.fromArray(F, x, base + 16), p);
        p = w3.fma(FloatVector.fromArray(F, x, base + 24), p);
        return p.fma(FloatVector.broadcast(F, scale), acc);
    }

    static float f16(MemorySegment s, long at) {
        return Float.float16ToFloat(s.get(SHORT_LE, at));
    }

    /** The little-endian f16 at {@code s[at]}. */
    static float f16(byte[] s, int at) {
        return Float.float16ToFloat((short) ((s[at] & 0xff) | s[at + 1] << 8));
    }

    private static final VectorShuffle<Byte> TO_BY_FOUR = order(B32, Activations.Format.Q8_0_BY_FOUR, true);
    private static final VectorShuffle<Byte> FROM_BY_FOUR = order(B32, Activations.Format.Q8_0_BY_FOUR, false);

    /**
     * The shuffle taking a run of {@code species.length()} bytes (32 or 16) to the format's order ({@code to}) or back:
     * for laying a type's values out as the activations take them, and for reading them back in order.
     */
    static VectorShuffle<Byte> order(VectorSpecies<Byte> species, Activations.Format format, boolean to) {
        int[] lanes = new int[species.length()];
        for (int j = 0; j < lanes.length; j++) {
            int p = format.position(j);
            if (to) lanes[p] = j;
            else lanes[j] = p;
        }
        return VectorShuffle.fromArray(species, lanes, 0);
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

    /**
     * {@link #lanes(FloatVector)} of the 8 lanes stored at {@code a[at]}, in scalar adds of the same order (so the same
     * float): for callers where a call taking a vector might not be inlined, which boxes the vector.
     */
    static float lanes(float[] a, int at) {
        return ((a[at] + a[at + 4]) + (a[at + 2] + a[at + 6])) + ((a[at + 1] + a[at + 5]) + (a[at + 3] + a[at + 7]));
    }
}
