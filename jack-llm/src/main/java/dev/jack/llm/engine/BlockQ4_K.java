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

import static dev.jack.llm.engine.BlockQ8_0.B16;
import static dev.jack.llm.engine.BlockQ8_0.F;
import static dev.jack.llm.engine.BlockQ8_0.I;
import static dev.jack.llm.engine.BlockQ8_0.LE;
import static dev.jack.llm.engine.BlockQ8_0.S;
import static dev.jack.llm.engine.BlockQ8_0.f16;

/**
 * Q4_K rows: super-blocks of 256 values (ggml's {@code block_q4_K}): f16 d and dmin, twelve bytes packing eight 6-bit
 * scales and minimums, and 128 bytes of 4-bit values, where bytes 32j..32j+31 hold values 64j..64j+31 in their low
 * nibbles and 64j+32..64j+63 in their high ones; value = d·scale·q − dmin·minimum per 32 values. Products against q8_K
 * activations are llama.cpp's {@code ggml_vec_dot_q4_K_q8_K}: per super-block Σ scale·Σ q·x in integers, times d·d_x,
 * less dmin·d_x·Σ minimum·(the activations' sums per 32), that term taken in 8 float lanes per input and summed once
 * a row (as llama.cpp's {@code acc_m}; {@link #rowScales}, {@link SuperBlocks#minimums}).
 *
 * <p>The rows are read in a layout of Jack's own, made once when the file is opened ({@link #repack}, for the reason
 * ggml-cpu's {@code repack.cpp} lays weights out anew), 152 bytes a super-block against the file's 144 (5.6% more):
 * first every super-block's 128 bytes of nibbles, in the file's order (which already matches the activations'), then
 * every super-block's 8 scales and 8 minimums, a byte each, then every super-block's d and dmin as floats. The
 * single-input kernel ({@link #rowScales} with {@link #rowProduct} or {@link #rowProductWide}) then spends no scalar
 * instructions on unpacking the 6-bit fields (it widens 16 bytes to the scales and minimums in two conversions), reads
 * the rows straight from the tensor's memory (no copy of each row to an array first), and runs one loop over the row's
 * 64-value quarters. Every Q4_K matrix of a Llama 3.2 1B-shaped Q4_K_M file (830M values) multiplied once on one
 * thread, CPU time, one JVM taking turns with the file's layout's kernel, identical products (medians of 8–9 rounds on
 * loaded cores): 80–90 ms against 106–145.
 *
 * <p>Tried and dropped, in that harness: the same kernel with a loop over the four quarters of each super-block (C2
 * splits that 4-iteration loop into pre-, main and post-loops for its range checks on the memory segment, a few dozen
 * instructions a super-block: 118 ms against 129 for the file's layout); that loop reading a copy of the row in an
 * array (100 against 109); the one loop over a copy of the row (166 against 156 and 108 for this kernel, one noisy
 * run); a helper per quarter called four times (the JIT did not inline it and boxed its vectors: 170–1370 ms); each
 * super-block's integer sums stored and scaled in a second loop (101 against 90), or scaled every quarter with a zero
 * factor for three in four (86 against 83), in place of the branch at each super-block's end. Later, the one loop in
 * 512-bit vectors (a quarter's 32 bytes widened to 32 shorts, 16 int lanes added into 8 at each super-block's end, the
 * same integers): 116–125 ns a row against 129–133 on one thread (rows of a 2048 × 8192 matrix, separate JVMs taking
 * turns), but decoding with the 1B Q4_K_M file ({@code jack bench engine --tokens 32}, 2 threads) fell to 8.9–9.7
 * tokens/s against 14.6–15.2 in two rounds taking turns. Measured again ({@link #rowProductWide}, now chosen where
 * {@link BlockQ8_0#WIDE}): no such fall, the rounds of both builds varying from 8 to 20 tokens/s as the other load on
 * the two cores came and went (the command's CPU time steadily 4–6 s less a run); samples of perf over the matrices
 * showed a cost in both kernels, {@code BlockQ8_0.lanes(FloatVector)} compiled on its own and called with a boxed
 * accumulator once a row, now gone (the lanes go through an array).
 *
 * <p>One input and a batch run in methods of their own ({@link #ones}, {@link #fours}, {@link #batch}), which the JIT
 * compiles apart: with both loops in {@code dot}, a batch after single-input decoding ran as slowly even with the
 * unpacking back. Where {@link BlockQ8_0#WIDE}, a batch of 3 or more takes four inputs a pass ({@link #fourWide}, float
 * lanes, each quarter's nibbles decoded once for the four; llama.cpp's batched counterpart on x86 is ggml-cpu's
 * repacked {@code ggml_gemm_q4_K_8x8_q8_K}, integer products over 8 interleaved rows, which the Vector API's lack of an
 * 8-bit multiply-add rules out here), a batch of 2 the single-input kernel per input. Against the unpack path below in
 * one JVM (2048 × 2048 rows, one thread, identical products, medians of 4 rounds in each of 6 JVMs, cores loaded
 * 2.2–2.4): 8 inputs 15.6–21.7 ns a super-block and input against 20.2–30.6, 4 inputs 15.8–17.7 against 20.9–26.9; 2048
 * × 8192 rows 15.2 against 21.3 (8) and 15.8 against 21.1 (4). Batched decode of the 1B Q4_K_M file
 * ({@code jack bench engine --threads 2 --batch 1,4,8}, 3 rounds of each build taking turns, medians of 3, cores loaded
 * 1.9–2.7 by other work): batch4 16.3–20.3 tokens/s against 13.6–19.5, batch8 18.8–23.0 against 15.6–19.8, tg32
 * unchanged in code (14.9–17.0 against 9.3–15.8, the low rounds disturbed).
 *
 * <p>Where not WIDE (AVX2), a batch, and decoding to floats, unpack each super-block to shorts once first
 * ({@link SuperBlocks}), since widening the nibbles again for each input of a batch decoded 8 sequences 12% slower
 * (median of 5 interleaved runs). In this layout a super-block is unpacked straight from the tensor's memory: a batch
 * of 4 took 335 ms against 352 and a batch of 8 622 against 621 (one JVM, medians of 5 rounds); in separate JVMs taking
 * turns, on cores loaded enough that rounds varied by half, rounds took 392–602 ms against 413–457 (4 inputs) and
 * 707–1100 against 692–829 (8), so a loss of a few percent for batches cannot be ruled out. Each row's super-blocks
 * copied to arrays first, as the file's layout's kernel did, took 589–626 ms against 541–557 for 4 inputs and 1058–1120
 * against 891–940 for 8 (separate JVMs, medians of 5 rounds each). Tried and dropped there (an earlier attempt, whose
 * code was lost): {@link #fourWide}'s scheme in 256-bit vectors, batch8 of the 1B Q4_K_M file under -XX:UseAVX=2
 * 23.7–24.3 tokens/s against 25.1–25.4 for this path (a profile put a fifth of the samples in the Vector API's Java
 * code for that kernel's memory-segment loads, past the JIT's inlining budget).
 */
final class BlockQ4_K implements QuantizedRows {
    static final BlockQ4_K ROWS = new BlockQ4_K();

    private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);
    /** A quarter super-block's 32 bytes; as 32 shorts; 16 ints. */
    private static final VectorSpecies<Byte> B32 = ByteVector.SPECIES_256;
    private static final VectorSpecies<Short> S512 = ShortVector.SPECIES_512;
    private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;
    private static final VectorSpecies<Float> F512 = FloatVector.SPECIES_512;

    private BlockQ4_K() {}

    @Override
    public Activations.Format activations(int count) {
        return Activations.Format.Q8_K;
    }

    /**
     * The repacked layout: per super-block, 128 bytes of nibbles, 8 scales, 8 minimums, d and dmin as floats; the
     * file's super-blocks are ggml's {@code block_q4_K}.
     */
    private static final RepackedLayout LAYOUT = new RepackedLayout(144, 152, 128, 16);

    @Override
    public RepackedLayout repackedLayout() {
        return LAYOUT;
    }

    /**
     * Lays super-blocks {@code firstBlock..} of a tensor (the file's 144-byte ones, a whole number of them, in
     * {@code blocks}) out in {@code into}, the whole tensor's memory: super-block k's 128 bytes of nibbles, as the file
     * orders them, to {@code into[128k, 128k + 128)}; its 8 scales, then its 8 minimums, a byte each, to
     * {@link RepackedLayout#scales}(into) + 16k (ggml's {@code get_scale_min_k4}); its d and dmin as floats to
     * {@link RepackedLayout#ds}(into) + 8k.
     */
    @Override
    public void repack(MemorySegment blocks, long firstBlock, MemorySegment into) {
        long scales = LAYOUT.scales(into);
        long ds = LAYOUT.ds(into);
        LAYOUT.eachFileBlock(blocks, firstBlock, (block, k) -> {
            MemorySegment.copy(block, 16, into, ValueLayout.JAVA_BYTE, 128 * k, 128);
            for (int j = 0; j < 8; j++) {
                // The twelve bytes at block[4]: scales and minimums 0-3 in the low 6 bits of bytes 0-3 and 4-7; 4-7 with
                // their low 4 bits in bytes 8-11 (scales low nibble, minimums high) and their top 2 in the top of 0-7.
                int scale = j < 4 ? block[4 + j] & 63 : (block[8 + j] & 0xF) | (block[j] & 0xC0) >> 2;
                int minimum = j < 4 ? block[8 + j] & 63 : (block[8 + j] & 0xFF) >> 4 | (block[4 + j] & 0xC0) >> 2;
                into.set(ValueLayout.JAVA_BYTE, scales + 16 * k + j, (byte) scale);
                into.set(ValueLayout.JAVA_BYTE, scales + 16 * k + 8 + j, (byte) minimum);
            }
            into.set(FLOAT_LE, ds + 8 * k, f16(block, 0));
            into.set(FLOAT_LE, ds + 8 * k + 4, f16(block, 2));
        });
    }

    @Override
    public void decode(MemorySegment data, long first, int n, float[] out, int at) {
        long scales = LAYOUT.scales(data);
        long ds = LAYOUT.ds(data);
        SuperBlocks.Unpacked u = new SuperBlocks.Unpacked();
        for (int b = 0; b < n / 256; b++) {
            unpack(data, first / 256 + b, scales, ds, u);
            SuperBlocks.floats(u, out, at + b * 256);
        }
    }

    @Override
    public void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys) {
        dot(data, in, from, to, x, ys, BlockQ8_0.WIDE);
    }

    /**
     * {@link #dot} with the kernels chosen by {@code wide}: where true, {@link #rowProductWide} (512-bit vectors) for
     * each of one or two inputs and {@link #fourWide} for three or more ({@link #fours}); where false,
     * {@link #rowProduct} (256-bit) for one input and the unpack path ({@link #batch}) for two or more. All give the
     * same floats; tests run both on any hardware.
     */
    void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys, boolean wide) {
        if (x.count() == 1 || wide && x.count() == 2) ones(data, in / 256, x, from, to, ys, wide);
        else if (wide) fours(data, in / 256, x, from, to, ys);
        else batch(data, new SuperBlocks.Dot(in, x.count()), x, from, to, ys);
    }

    /** {@link #dot} by the single-input kernel for each input, over rows of {@code blocks} super-blocks. */
    private static void ones(MemorySegment data, int blocks, Activations.Quantized x, int from, int to, float[][] ys, boolean wide) {
        int[] groupScales = new int[8 * blocks];
        float[] blockScales = new float[blocks];
        float[] sums = new float[8];
        for (int r = from; r < to; r++) {
            for (int t = 0; t < x.count(); t++) ys[t][r] = one(data, r, blocks, x, t, groupScales, blockScales, sums, wide);
        }
    }

    /** Row r's product with input t by {@link #rowScales} and {@link #rowProductWide} or {@link #rowProduct}. */
    private static float one(MemorySegment data, int r, int blocks, Activations.Quantized x, int t, int[] groupScales, float[] blockScales,
                             float[] sums, boolean wide) {
        long row = (long) r * blocks;
        float subtracted = rowScales(data, LAYOUT.scales(data) + 16 * row, LAYOUT.ds(data) + 8 * row, blocks, x.scales[t], x.sums[t],
                groupScales, blockScales, sums);
        if (wide) rowProductWide(data, 128 * row, blocks, x.values[t], groupScales, blockScales, sums);
        else rowProduct(data, 128 * row, blocks, x.values[t], groupScales, blockScales, sums);
        return BlockQ8_0.lanes(sums, 0) - subtracted;
    }

    /**
     * {@link #dot} for three inputs or more where {@code wide} ({@link BlockQ8_0#WIDE} in use): {@link #fourWide} for
     * each four; where one input is left over, {@link #one} for it, and where two or three are, a last four overlapping
     * the one before (a batch of 3 repeats its last input), as BlockQ6_K's {@code fours} does: the products are the
     * same whichever kernel computes them. Per four, {@link #rowScales} for each input first, then {@link #fourWide}
     * and {@link #fold}. Tried and dropped: a {@code rowScales} for four inputs at once (each super-block's scales and
     * minimums loaded and widened once for the four; 2048 × 2048 rows, one thread, 6 JVMs of each taking turns, medians
     * of 5 rounds, cores loaded 2.2–2.4): 8 inputs 14.5–20.2 ns a super-block and input against 16.5–24.5, 4 inputs
     * 14.2–19.1 against 16.1–24.0, a gain within the noise for a near-copy of rowScales. The minimums' terms are
     * rowScales' float lanes per input (no reduction per super-block since issue 16); llama.cpp's
     * {@code ggml_gemm_q4_K_8x8_q8_K} adds them in vertical integer multiply-adds over 8 interleaved rows, which this
     * layout does not have.
     */
    private static void fours(MemorySegment data, int blocks, Activations.Quantized x, int from, int to, float[][] ys) {
        long scales = LAYOUT.scales(data);
        long ds = LAYOUT.ds(data);
        int count = x.count();
        int leftOver = count % 4 == 1 ? 1 : 0;
        int[] groupScales = new int[8 * blocks];
        float[][] blockScales = new float[4][blocks];
        float[] subtracted = new float[4];
        float[] blockSums = new float[64 * blocks];
        float[] folded = new float[64];
        float[] sums = new float[32];
        for (int r = from; r < to; r++) {
            long row = (long) r * blocks;
            for (int t0 = 0; t0 < count - leftOver; t0 += 4) {
                int t = Math.max(0, Math.min(t0, count - 4));
                for (int k = 0; k < 4; k++) {
                    int input = Math.min(t + k, count - 1);
                    subtracted[k] = rowScales(data, scales + 16 * row, ds + 8 * row, blocks, x.scales[input], x.sums[input], groupScales, blockScales[k],
                            sums);
                }
                fourWide(data, 128 * row, blocks, x.floats[t], x.floats[Math.min(t + 1, count - 1)], x.floats[Math.min(t + 2, count - 1)],
                        x.floats[Math.min(t + 3, count - 1)], groupScales, blockSums);
                fold(blockSums, blocks, blockScales, folded, sums);
                for (int k = 0; k < 4 && t + k < count; k++) ys[t + k][r] = BlockQ8_0.lanes(sums, 8 * k) - subtracted[k];
            }
            for (int t = count - leftOver; t < count; t++) ys[t][r] = one(data, r, blocks, x, t, groupScales, blockScales[0], sums, true);
        }
    }

    /**
     * {@link #dot} for two inputs or more where {@code wide} is false ({@link BlockQ8_0#WIDE} in use): each super-block
     * unpacked once for all of them.
     */
    private static void batch(MemorySegment data, SuperBlocks.Dot dot, Activations.Quantized x, int from, int to, float[][] ys) {
        SuperBlocks.Unpacked u = dot.unpacked;
        long scales = LAYOUT.scales(data);
        long ds = LAYOUT.ds(data);
        for (int r = from; r < to; r++) {
            dot.clear();
            for (int b = 0; b < dot.blocks; b++) {
                unpack(data, (long) r * dot.blocks + b, scales, ds, u);
                for (int t = 0; t < dot.count; t++) {
                    SuperBlocks.groups32(u.q, u.scales, x.values[t], b * 256, u.d * x.scales[t][b], dot.acc, t * 8);
                    SuperBlocks.minimums(u, x, t, b, dot.subtracted, t * 8);
                }
            }
            dot.store(r, ys);
        }
    }

    /**
     * Super-block k of a repacked tensor, whose scales and minimums begin at {@code data[scales]} and whose d and dmin
     * at {@code data[ds]}: its values, scales, minimums, d and dmin (for {@link #decode} and a batch's products).
     */
    private static void unpack(MemorySegment data, long k, long scales, long ds, SuperBlocks.Unpacked into) {
        for (int j = 0; j < 4; j++) nibbles(data, 128 * k + 32 * j, into.q, 64 * j);
        ByteVector scalesAndMinimums = ByteVector.fromMemorySegment(B16, data, scales + 16 * k, LE);
        ((IntVector) scalesAndMinimums.convertShape(VectorOperators.B2I, I, 0)).intoArray(into.scales, 0);
        ((IntVector) scalesAndMinimums.convertShape(VectorOperators.B2I, I, 1)).intoArray(into.minimums, 0);
        into.d = data.get(FLOAT_LE, ds + 8 * k);
        into.dmin = data.get(FLOAT_LE, ds + 8 * k + 4);
    }

    /**
     * The first step of a row's product with one input (as ggml_vec_dot_q4_K_q8_K: per super-block Σ scale·Σ q·x in
     * integers, added to eight float lanes times d·d_x, less dmin·d_x·Σ minimum·(the activations' sums per 32)), over a
     * row of {@code blocks} super-blocks whose scales and minimums are at {@code s[scales]} and d and dmin at
     * {@code s[ds]}: widens the scales to {@code groupScales} (8 ints a super-block) and d·d_x to {@code blockScales},
     * and returns the minimums' total, which the caller subtracts from {@link #rowProduct}'s or
     * {@link #rowProductWide}'s sum. The minimums' term is taken in 8 float lanes, one per group of 32: per super-block
     * the 8 integer products minimum·sum (at most 63·32·128 = 258,048 in magnitude, below 2^24, so converted to float
     * exactly), times dmin·d_x, are added to the lanes by an FMA; the lanes, stored to {@code lanes} (8 floats, which
     * the caller may overwrite after), are summed once a row by {@link BlockQ8_0#lanes(float[], int)}
     * ({@link SuperBlocks#minimums} and a batch's {@code store} do the same, so a batch's products equal a single
     * input's bit for bit). llama.cpp's x86 {@code ggml_vec_dot_q4_K_q8_K} does likewise in 4 float lanes
     * ({@code acc_m}: adjacent groups' products added in integers by {@code _mm_madd_epi16}, times −dmin·d_x, summed
     * once a row). It takes and returns no vector, so if the JIT compiles it on its own it costs a call a row and boxes
     * nothing.
     *
     * <p>It added the 8 products in integers per super-block ({@code reduceLanes}) and their total times dmin·d_x to a
     * scalar float: async-profiler put 9.8% of all CPU samples of decoding the 1B Q4_K_M file (2 threads) on that
     * reduction, rowScales 12.6% in all against 35.9% for {@link #rowProductWide}. Every Q4_K matrix of that file (96)
     * against one input, one thread, the thread's CPU time, one JVM taking turns each round with that rowScales (and
     * its batch paths) copied, medians of 16 rounds after 8 (cores loaded 2.5–4.9 by other work): 62.6–65.3 ms against
     * 64.9–69.1 (3 JVMs); 256-bit ({@code -XX:UseAVX=2}, {@link #rowProduct}) 57.9–70.0 against 62.7–80.4 (2 JVMs); 4
     * inputs ({@link #fours}) 253–294 against 260–298 (4 JVMs), under {@code -XX:UseAVX=2} (the unpack path) 240–290
     * against 268–316 (3 JVMs); 8 inputs 484 against 533, 508 against 611 under {@code -XX:UseAVX=2} (a JVM each).
     * async-profiler over that harness: this rowScales 4.6% of the samples against 7.3%, its samples now on the store
     * of the lanes after the loop, where they were on the reduction (so part of the cost was the loads and chain the
     * reduction waited on, part the reduction). Decode of the file ({@code jack bench engine --batch 1}, tg32, builds
     * taking turns, cores loaded 1.6–2.4 by other work): 2 threads 12.6–14.7 tokens/s against 12.1–16.6 (8 runs each,
     * medians 13.2 and 13.2: no difference seen), under {@code -XX:UseAVX=2} 11.8–14.9 against 10.9–14.3 (3 each, the
     * new build ahead in every pair); one thread 6.5–10.0 against 6.4–7.8 (4 each, as fast or faster in every pair),
     * under {@code -XX:UseAVX=2} 6.2–8.1 against 6.4–8.4 (3 each); batch4 alone (2 threads) 12.1–12.7 against
     * 11.2–12.1, under {@code -XX:UseAVX=2} 16.4–17.5 against 14.9–16.7 (2 each). A profile of decoding after the
     * change (2 threads, tg64): rowScales 8.6% of all samples, 6.2% of them on the store of the lanes after the loop,
     * against 29.6% for {@link #rowProductWide}. Not tried: the minimums' FMA moved into {@link #rowProductWide}'s and
     * {@link #rowProduct}'s accumulator at each super-block's end (one sum a row, the loads' latency hidden behind the
     * nibbles' work), which would need {@link #fold}'s 16-lane sums and the unpack path to add them in the same order.
     */
    private static float rowScales(MemorySegment s, long scales, long ds, int blocks, float[] xd, int[] xSums, int[] groupScales,
                                   float[] blockScales, float[] lanes) {
        FloatVector subtracted = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            ByteVector scalesAndMinimums = ByteVector.fromMemorySegment(B16, s, scales + 16L * b, LE);
            ((IntVector) scalesAndMinimums.convertShape(VectorOperators.B2I, I, 0)).intoArray(groupScales, 8 * b);
            IntVector minimums = ((IntVector) scalesAndMinimums.convertShape(VectorOperators.B2I, I, 1)).mul(IntVector.fromArray(I, xSums, 8 * b));
            blockScales[b] = s.get(FLOAT_LE, ds + 8L * b) * xd[b];
            subtracted = ((FloatVector) minimums.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, s.get(FLOAT_LE, ds + 8L * b + 4) * xd[b]), subtracted);
        }
        subtracted.intoArray(lanes, 0);
        return BlockQ8_0.lanes(lanes, 0);
    }

    /**
     * The integer part of a row's product (its nibbles at {@code s[values]}, {@code blocks} super-blocks) with one
     * input, in 256-bit vectors (where {@link BlockQ8_0#WIDE} is false), after {@link #rowScales}: one loop over the
     * row's 64-value quarters, so that the JIT's range checks on the memory segment are set up once a row: each 32
     * bytes of nibbles are zero-extended to shorts, their low and high nibbles (two groups: an and, a shift) multiplied
     * with the activations 16 at a time, adjacent shorts added into ints in three operations (a nibble times an
     * activation byte is at most 15·127 = 1905 in magnitude, so a short holds the sum of two and an int lane the sum of
     * four), times the group scale (a broadcast load); every fourth quarter ends a super-block, whose integer lanes are
     * then scaled into the float lanes, stored to {@code sums} (8 floats) for the caller to add
     * ({@link BlockQ8_0#lanes(float[], int)}: in the decode path C2 compiled {@code lanes(FloatVector)} on its own and
     * called it, boxing the accumulator, 2.4% of the samples of perf over the Q4_K matrices).
     *
     * <p>The same integers and float operations in the same order as {@link SuperBlocks#groups32} and
     * {@link SuperBlocks#minimums}, so a single input's products equal a batch's bit for bit. Every vector operation is
     * written out, for the reason {@link SuperBlocks#groups32} gives.
     */
    private static void rowProduct(MemorySegment s, long values, int blocks, short[] x, int[] groupScales, float[] blockScales, float[] sums) {
        FloatVector acc = FloatVector.zero(F);
        IntVector sum = IntVector.zero(I);
        for (int i = 0; i < 4 * blocks; i++) {
            long at = values + 32L * i;
            ShortVector a = (ShortVector) ByteVector.fromMemorySegment(B16, s, at, LE).convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
            ShortVector c = (ShortVector) ByteVector.fromMemorySegment(B16, s, at + 16, LE).convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
            int v = 64 * i;
            IntVector p = a.and((short) 0x0F).mul(ShortVector.fromArray(S, x, v))
                    .add(c.and((short) 0x0F).mul(ShortVector.fromArray(S, x, v + 16))).reinterpretAsInts();
            sum = sum.add(p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16).mul(groupScales[2 * i]));
            p = a.lanewise(VectorOperators.LSHR, 4).mul(ShortVector.fromArray(S, x, v + 32))
                    .add(c.lanewise(VectorOperators.LSHR, 4).mul(ShortVector.fromArray(S, x, v + 48))).reinterpretAsInts();
            sum = sum.add(p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16).mul(groupScales[2 * i + 1]));
            if ((i & 3) == 3) {
                acc = ((FloatVector) sum.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, blockScales[i >> 2]), acc);
                sum = IntVector.zero(I);
            }
        }
        acc.intoArray(sums, 0);
    }

    /**
     * {@link #rowProduct} in 512-bit vectors, where {@link BlockQ8_0#WIDE} is true (llama.cpp's x86
     * {@code ggml_vec_dot_q4_K_q8_K} likewise takes a quarter super-block's 32 bytes a step, in one 256-bit load whose
     * nibbles go through vpmaddubsw and vpmaddwd, which the Vector API lacks): the 32 bytes are widened
     * to 32 shorts, their low and high nibbles multiplied with the activations 32 at a time, adjacent shorts added into
     * 16 ints, times the group scale; every fourth quarter the 16 integer lanes are added into 8 (lane l and l + 8: the
     * four products lane l of {@link SuperBlocks#groups32} sums, the same integers) and scaled into the float lanes.
     * Every Q4_K matrix of the 1B Q4_K_M file against one input, 2 threads, 128-row tasks, one JVM taking turns with
     * {@link #rowProduct} (identical products; 60 rounds each under perf, loaded cores): 27–28 ms against 31.5–33.5.
     * There {@link #rowScales} took about a quarter of the samples of perf. Tried and dropped: its work moved into
     * this loop (each group scale a byte loaded from the segment, the minimums and d·d_x at each super-block's end):
     * 31–33 ms against 29–30 for the 256-bit kernel in the same JVM; the group scales alone read that way (rounds on
     * cores loaded twice over, no gain seen); rowScales in 512-bit vectors, two super-blocks' scales and minimums
     * widened at once and their minimums summed in one vector by three swaps and adds (this kernel's time over the
     * 256-bit one's in the same JVM 0.94–1.0 against 0.88–0.89 without, in alternating JVMs on loaded cores).
     */
    private static void rowProductWide(MemorySegment s, long values, int blocks, short[] x, int[] groupScales, float[] blockScales, float[] sums) {
        FloatVector acc = FloatVector.zero(F);
        IntVector sum = IntVector.zero(I512);
        for (int i = 0; i < 4 * blocks; i++) {
            ShortVector q = (ShortVector) ByteVector.fromMemorySegment(B32, s, values + 32L * i, LE).convertShape(VectorOperators.ZERO_EXTEND_B2S, S512, 0);
            int v = 64 * i;
            IntVector p = q.and((short) 0x0F).mul(ShortVector.fromArray(S512, x, v)).reinterpretAsInts();
            sum = sum.add(p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16).mul(groupScales[2 * i]));
            p = q.lanewise(VectorOperators.LSHR, 4).mul(ShortVector.fromArray(S512, x, v + 32)).reinterpretAsInts();
            sum = sum.add(p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16).mul(groupScales[2 * i + 1]));
            if ((i & 3) == 3) {
                IntVector lanes = ((IntVector) sum.reinterpretShape(I, 0)).add((IntVector) sum.reinterpretShape(I, 1));
                acc = ((FloatVector) lanes.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, blockScales[i >> 2]), acc);
                sum = IntVector.zero(I512);
            }
        }
        acc.intoArray(sums, 0);
    }

    /**
     * One row (its nibbles at {@code s[values]}, {@code blocks} super-blocks) against four inputs, as floats in natural
     * order ({@code x0..x3}), in 512-bit float lanes, after {@link #rowScales} (the group scales in
     * {@code groupScales}): per 64-value quarter its 32 bytes zero-extended to two vectors of 16 ints once for the four
     * inputs, their low and high nibbles converted to floats times the group scale, then for each input four FMAs of 16
     * products with its activations. Lane l of an input's 16 then holds the products of values l and 16 + l of every
     * group of the super-block, stored at its end to {@code blockSums}[64b + 16k, +16) for input k, for {@link #fold}.
     * Exact: every partial sum is an integer, a lane at most 16 products of |q·scale| ≤ 15·63 and |x| ≤ 128 (1.94M) in
     * magnitude, below 2^24, whatever order the FMAs add them in.
     *
     * <p>Tried and dropped: {@link #fold}'s work inside this loop at each super-block's end (lanes 2m and 2m + 1 added
     * by a rearrange and the two 256-bit halves, or by a swap of neighbours in 512 bits): in some JVMs C2 left FMAs of
     * that larger method to the Vector API's Java code (PrintInlining: {@code VectorSupport::ternaryOp} "failed to
     * inline (intrinsic)"), which ran 36–66 ns a super-block and input against 16–17; in the engine, batch8 of the 1B
     * Q4_K_M file 13.9 tokens/s against 20.2 for the unpack path. Split in two, no such compile was seen in 8 JVMs.
     */
    private static void fourWide(MemorySegment s, long values, int blocks, float[] x0, float[] x1, float[] x2, float[] x3, int[] groupScales,
                                 float[] blockSums) {
        FloatVector sum0 = FloatVector.zero(F512);
        FloatVector sum1 = FloatVector.zero(F512);
        FloatVector sum2 = FloatVector.zero(F512);
        FloatVector sum3 = FloatVector.zero(F512);
        for (int i = 0; i < 4 * blocks; i++) {
            IntVector a = (IntVector) ByteVector.fromMemorySegment(B16, s, values + 32L * i, LE).convertShape(VectorOperators.ZERO_EXTEND_B2I, I512, 0);
            IntVector c = (IntVector) ByteVector.fromMemorySegment(B16, s, values + 32L * i + 16, LE).convertShape(VectorOperators.ZERO_EXTEND_B2I, I512, 0);
            float low = groupScales[2 * i];
            float high = groupScales[2 * i + 1];
            FloatVector w0 = ((FloatVector) a.and(0x0F).convert(VectorOperators.I2F, 0)).mul(low);
            FloatVector w1 = ((FloatVector) c.and(0x0F).convert(VectorOperators.I2F, 0)).mul(low);
            FloatVector w2 = ((FloatVector) a.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).mul(high);
            FloatVector w3 = ((FloatVector) c.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).mul(high);
            int v = 64 * i;
            sum0 = w3.fma(FloatVector.fromArray(F512, x0, v + 48), w2.fma(FloatVector.fromArray(F512, x0, v + 32),
                    w1.fma(FloatVector.fromArray(F512, x0, v + 16), w0.fma(FloatVector.fromArray(F512, x0, v), sum0))));
            sum1 = w3.fma(FloatVector.fromArray(F512, x1, v + 48), w2.fma(FloatVector.fromArray(F512, x1, v + 32),
                    w1.fma(FloatVector.fromArray(F512, x1, v + 16), w0.fma(FloatVector.fromArray(F512, x1, v), sum1))));
            sum2 = w3.fma(FloatVector.fromArray(F512, x2, v + 48), w2.fma(FloatVector.fromArray(F512, x2, v + 32),
                    w1.fma(FloatVector.fromArray(F512, x2, v + 16), w0.fma(FloatVector.fromArray(F512, x2, v), sum2))));
            sum3 = w3.fma(FloatVector.fromArray(F512, x3, v + 48), w2.fma(FloatVector.fromArray(F512, x3, v + 32),
                    w1.fma(FloatVector.fromArray(F512, x3, v + 16), w0.fma(FloatVector.fromArray(F512, x3, v), sum3))));
            if ((i & 3) == 3) {
                int at = 16 * (i - 3);
                sum0.intoArray(blockSums, at);
                sum1.intoArray(blockSums, at + 16);
                sum2.intoArray(blockSums, at + 32);
                sum3.intoArray(blockSums, at + 48);
                sum0 = FloatVector.zero(F512);
                sum1 = FloatVector.zero(F512);
                sum2 = FloatVector.zero(F512);
                sum3 = FloatVector.zero(F512);
            }
        }
    }

    /**
     * {@link #fourWide}'s second step: for each input k of the four, its 16 lanes of each super-block b
     * ({@code blockSums}[64b + 16k, +16)) with lanes 2m and 2m + 1 added (a swap of neighbours and an add: lane 2m then
     * holds the integer that lane m of {@link #rowProductWide} and {@link #rowProduct} holds, at most 2·1.94M in
     * magnitude, below 2^24, so the add is exact), times d·d_x ({@code blockScales[k][b]}) and added, in super-block
     * order, to the input's float lanes as they do; the 8 even lanes to {@code sums}[8k, 8k + 8), through
     * {@code folded} (64 floats).
     */
    private static void fold(float[] blockSums, int blocks, float[][] blockScales, float[] folded, float[] sums) {
        for (int k = 0; k < 4; k++) {
            float[] scales = blockScales[k];
            FloatVector acc = FloatVector.zero(F512);
            for (int b = 0; b < blocks; b++) {
                FloatVector sum = FloatVector.fromArray(F512, blockSums, 64 * b + 16 * k);
                acc = sum.add(sum.rearrange(NEIGHBOUR)).fma(FloatVector.broadcast(F512, scales[b]), acc);
            }
            acc.intoArray(folded, 16 * k);
        }
        for (int m = 0; m < 32; m++) sums[m] = folded[2 * m];
    }

    /** 16 float lanes, each pair swapped (lane 2m + 1 to 2m, 2m to 2m + 1). */
    private static final VectorShuffle<Float> NEIGHBOUR = VectorShuffle.fromOp(F512, k -> k ^ 1);

    /**
     * The 32 bytes at {@code s[at]}: their low nibbles to q[to, to + 32), their high ones to q[to + 32, to + 64). The
     * bytes widen to shorts here, not in a shared helper: one the JIT did not inline would box every vector.
     */
    private static void nibbles(MemorySegment s, long at, short[] q, int to) {
        ShortVector a = (ShortVector) ByteVector.fromMemorySegment(B16, s, at, LE).convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
        ShortVector b = (ShortVector) ByteVector.fromMemorySegment(B16, s, at + 16, LE).convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
        a.and((short) 0x0F).intoArray(q, to);
        b.and((short) 0x0F).intoArray(q, to + 16);
        a.lanewise(VectorOperators.LSHR, 4).intoArray(q, to + 32);
        b.lanewise(VectorOperators.LSHR, 4).intoArray(q, to + 48);
    }
}
