package dev.jack.llm.engine;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

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
 * {@code ggml_vec_dot_q4_0_q8_0}: the nibbles less 8 times the activation bytes, summed exactly, scaled once, the
 * scaled blocks added into one accumulator in block order.
 *
 * <p>Hand-written for speed on the Vector API: for a single input two blocks' 32 bytes are widened to shorts once, the
 * two nibbles taken apart with a mask and a shift, and multiplied 32 at a time in 512-bit vectors, or one block's 16
 * bytes 16 at a time in 256-bit vectors where the JVM's are narrower ({@link BlockQ8_0#WIDE}; {@link #two} says why
 * both) (a nibble less 8 times an activation byte fits a short with room for four, so pairs become ints in three
 * operations). A batch of three or more takes the same
 * integer sums, each block's nibbles decoded once for four inputs: in {@link #two}'s 512-bit integer steps where the
 * JVM's vectors are that wide ({@link #fourWide}; there a last one or two inputs past a group of four take
 * {@link #two}), else in float lanes, as {@link BlockQ8_0} does ({@link #four}), rather than once per input (batched decode of 4, 8 and 16 sequences of a 1B model took 17%, 16% and
 * 10% less CPU time, medians of 6 rounds alternating both builds in one JVM, identical logits; two sequences ran
 * faster with the single-input kernel each, 16.1–19.3 tokens/s against 14.8–15.7 in three alternating runs with the
 * single-input kernel over the file's layout, and again with {@link #two}: 19.5–23.6 against 16.5–17.6, three
 * alternating runs of {@code jack bench engine --batch 2} on the 1B Q4_0 file); llama.cpp's
 * batch path for Q4_0 on AVX2 is its {@code tinyBLAS_Q0_AVX} tiles of the same per-block integer sums.
 * C2's auto-vectorized short multiply-add (vpmaddwd) over the row's values unpacked to shorts took 1.75–1.8× the
 * time for one input and 1.5–2.6× for a batch of 8 (rows of 2048 and 8192 values, one JVM; {@link SuperBlocks} says
 * why).
 *
 * <p>The rows are read in a layout of Jack's own, made once when the file is opened ({@link #repack}, as
 * {@link BlockQ8_0} and the K-quants are): every block's 16 bytes of nibbles, then every block's d as a float, 20 bytes a
 * block against the file's 18 (11% more: a 1B model's Q4_0 matrices take 608 MB where the mapped file's took 547).
 * C2's machine code of the single-input kernel over the file's blocks (read with PrintAssembly) was unrolled by four
 * blocks, without bounds checks or spills in the loop, about 22 instructions a block, five of them for the f16 d (a
 * load, a move to a vector register, vcvtph2ps, the scalar product with d_x and a broadcast) and six for the nibbles
 * (widening, two masks, a shift, two subtractions of 8). In this layout {@link #two} computes every block's d·d_x of a
 * row 8 at a time first and broadcasts each from memory, and a byte stored with its top bit flipped gives its high
 * nibble less 8 in one arithmetic shift: about 13 vector operations a block. It takes two rows at once, r and r + half
 * of a task's rows, so that two accumulator chains (one fused multiply-add a block each, in block order as llama.cpp
 * adds them) overlap, and each half of the rows is still read in order (rows r and r + 1 together ran 2.5 times slower:
 * the samples of perf stood on the rows' loads, two 1152-byte streams restarting every other row, which the prefetchers
 * did not follow). Every Q4_0 matrix of a 1B-shaped file (973M values) against one input, on one thread, one JVM
 * taking turns with the file's layout's kernel (copied from the file's blocks into memory), identical products: 45–49
 * ms of CPU, median 48, against 54–56, median 55 (10 rounds on loaded cores); and the file's layout mapped rather than
 * copied took 75–82 ms. Batches, whose {@link #four} now reads a float d: 4 inputs 204–208 ms against 233–249, 8
 * inputs 370–425 against 422–468 (6 rounds). Decoding one sequence of that file ({@code jack bench engine --prompt 16
 * --tokens 32}, 2 threads): 16.6–20.4 tokens/s, median 17.8, against 7.7–12.3, median 10.8 (4 runs of each build taking
 * turns, on cores others loaded too), peak RSS 1.14–1.17 GB against 1.09–1.11; opening the file, now read and
 * repacked, takes 3.9–5.0 s against 1.9–2.1 (3 runs each). Tried and dropped: the d's kept as f16 in their own run,
 * converted one by one in the first loop (slower than the file's layout: 95 ms against 88 on loaded cores); four rows
 * at once (49 against 49 for two).
 */
final class BlockQ4_0 implements QuantizedRows {
    static final BlockQ4_0 ROWS = new BlockQ4_0();

    /** A block's 16 bytes as 8 shorts. */
    private static final VectorSpecies<Short> S8 = ShortVector.SPECIES_128;
    /** Two blocks' 32 bytes; as 32 shorts. */
    private static final VectorSpecies<Byte> B32 = ByteVector.SPECIES_256;
    private static final VectorSpecies<Short> S512 = ShortVector.SPECIES_512;

    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LE);

    /** The top bit of each of a long's 8 bytes. */
    private static final long TOP_BITS = 0x8080808080808080L;

    /**
     * Up to this many inputs each take {@link #two}: the four-input kernel's shared decoding does not pay for its
     * two spare slots. Where {@link BlockQ8_0#WIDE}, a batch's last one or two inputs past a multiple of four take it
     * too ({@link #fourWide} would run its spare slots as dearly: batches of 5 and 6 of the 1B Q4_0 file, {@code jack
     * bench engine --batch 5,6 --prompt 8 --tokens 32}, 2 runs of each build taking turns: 29.6–30.1 and 29.7–29.8
     * tokens/s against 19.5–26.0 and 23.7–24.0).
     */
    private static final int SINGLE = 2;

    private BlockQ4_0() {}

    @Override
    public Activations.Format activations(int count) {
        return activations(count, BlockQ8_0.WIDE);
    }

    /**
     * {@link #activations}, for {@link #two} and {@link #fourWide} in 512-bit vectors ({@code wide}) or {@link #two}
     * and {@link #four} in 256-bit ones.
     */
    static Activations.Format activations(int count, boolean wide) {
        if (wide) return Activations.Format.Q8_0_BY_HALVES;
        return count > SINGLE ? Activations.Format.Q8_0_BY_PAIRS : Activations.Format.Q8_0;
    }

    /** The repacked layout: 16 bytes of nibbles a block, then a float d a block (20 bytes against the file's 18). */
    private static final RepackedLayout LAYOUT = new RepackedLayout(18, 20, 16, 0);

    @Override
    public RepackedLayout repackedLayout() {
        return LAYOUT;
    }

    /**
     * Lays blocks {@code firstBlock..} of a tensor (the file's 18-byte blocks, a whole number of them, in {@code blocks})
     * out in {@code into}, the whole tensor's memory: block k's 16 bytes, each with its top bit flipped, to
     * {@code into[16k, 16k + 16)}, and its d as a float to {@link RepackedLayout#ds}(into) + 4k. A flipped byte read as a signed one
     * is 16·(high nibble − 8) + low nibble, so one arithmetic shift gives the high nibble less 8. The bits are flipped
     * in two longs, not a byte vector: this runs once per block when the file is opened, mostly before C2 has compiled
     * it, and the Vector API's operations run as Java code until then.
     */
    @Override
    public void repack(MemorySegment blocks, long firstBlock, MemorySegment into) {
        long ds = LAYOUT.ds(into);
        for (long i = 0; i < blocks.byteSize() / 18; i++) {
            long k = firstBlock + i;
            into.set(LONG_LE, 16 * k, blocks.get(LONG_LE, 18 * i + 2) ^ TOP_BITS);
            into.set(LONG_LE, 16 * k + 8, blocks.get(LONG_LE, 18 * i + 10) ^ TOP_BITS);
            into.set(FloatRows.FLOAT_LE, ds + 4 * k, f16(blocks, 18 * i));
        }
    }

    /**
     * Every vector operation is written out here, as in {@link #two}: no helper takes or returns a vector, since one
     * compiled on its own boxes them (in a micro-benchmark, a decode of 16 rows of 2048 through such helpers ran at
     * 140–260 µs for thousands of calls before reaching 4 µs).
     */
    @Override
    public void decode(MemorySegment data, long first, int n, float[] out, int at) {
        long ds = LAYOUT.ds(data);
        for (int b = 0; b < n / 32; b++) {
            long k = first / 32 + b;
            FloatVector d = FloatVector.broadcast(F, data.get(FloatRows.FLOAT_LE, ds + 4 * k));
            ShortVector q = (ShortVector) ByteVector.fromMemorySegment(B16, data, 16 * k, LE).convertShape(VectorOperators.B2S, S, 0);
            ShortVector low = q.and((short) 0x0F).sub((short) 8);
            ShortVector high = q.lanewise(VectorOperators.ASHR, 4);
            int to = at + b * 32;
            ((FloatVector) low.convertShape(VectorOperators.S2F, F, 0)).mul(d).intoArray(out, to);
            ((FloatVector) low.convertShape(VectorOperators.S2F, F, 1)).mul(d).intoArray(out, to + 8);
            ((FloatVector) high.convertShape(VectorOperators.S2F, F, 0)).mul(d).intoArray(out, to + 16);
            ((FloatVector) high.convertShape(VectorOperators.S2F, F, 1)).mul(d).intoArray(out, to + 24);
        }
    }

    @Override
    public void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys) {
        dot(data, in, from, to, x, ys, BlockQ8_0.WIDE);
    }

    /**
     * {@link #dot} with the 512-bit kernels ({@code wide}: {@link #two} for up to {@code SINGLE} inputs, for more
     * {@link #fourWide} four at a time and {@link #two} for a last one or two, all over {@code Q8_0_BY_HALVES}
     * activations) or the 256-bit ones ({@link #two} over {@code Q8_0} for up to {@code SINGLE}, {@link #four} over
     * {@code Q8_0_BY_PAIRS} for more): {@link #activations(int, boolean)} gives the format for {@code wide}.
     * All give the same floats; tests run each on any hardware.
     */
    void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys, boolean wide) {
        int blocks = in / 32;
        long ds = LAYOUT.ds(data);
        int count = x.count();
        assert x.format == activations(count, wide) : x.format + " for " + count + (wide ? " inputs, 512-bit" : " inputs, 256-bit");
        float[] sums = new float[32];
        // Inputs [0, grouped) go four at a time; the rest, at most SINGLE, one at a time by two: all of them where there
        // are no more, and a group's last one or two where wide (fourWide's spare slots would cost as much as used ones;
        // the formats agree there).
        int rest = count <= SINGLE ? count : wide && count % 4 <= SINGLE ? count % 4 : 0;
        int grouped = count - rest;
        float[] scales = new float[(grouped > 0 ? 4 : 2) * blocks];
        for (int r = from; r < to && grouped > 0; r++) {
            for (int t = 0; t < grouped; t += 4) {
                // A last group of fewer than four repeats its last input in the spare slots, whose sums are dropped.
                int t1 = Math.min(t + 1, grouped - 1), t2 = Math.min(t + 2, grouped - 1), t3 = Math.min(t + 3, grouped - 1);
                if (wide) fourWide(data, ds, (long) r * blocks, blocks, x.values[t], x.values[t1], x.values[t2], x.values[t3], x.scales, t, t1, t2, t3, scales, sums);
                else four(data, ds, (long) r * blocks, x.floats, x.scales, t, t1, t2, t3, blocks, sums);
                for (int k = 0; k < 4 && t + k < grouped; k++) ys[t + k][r] = lanes(sums, 8 * k);
            }
        }
        int half = (to - from + 1) / 2;
        for (int r = from; r < from + half && rest > 0; r++) {
            // Row r with row r + half, so that each half of the rows is read in order; of an odd number of rows, the
            // middle one goes with itself.
            int r1 = r + half < to ? r + half : r;
            for (int t = grouped; t < count; t++) {
                two(data, ds, (long) r * blocks, (long) r1 * blocks, blocks, x.values[t], x.scales[t], scales, sums, wide);
                ys[t][r] = lanes(sums, 0);
                ys[t][r1] = lanes(sums, 8);
            }
        }
    }

    /**
     * Two rows, whose blocks begin at block {@code k0} and {@code k1} of the tensor, against one input (in
     * {@code Q8_0_BY_HALVES} order where {@code wide}, else natural); their accumulators to {@code sums[0, 8)} and
     * {@code sums[8, 16)}. First each block's d·d_x, 8 blocks at a time, to {@code scales} (2·blocks floats); then,
     * where {@code wide}, per two blocks, in 512-bit vectors:
     * their 32 bytes widened to shorts, values j and 16 + j of each block (its two nibbles less 8) multiplied with the
     * activations in lane j of its 16 (the activations' order puts both blocks' values 0–15 in one 512-bit load and
     * their values 16–31 in the next), each pair of adjacent shorts added into an int (each lane the sum of 4 integer
     * products, below 2^15 in every pairwise step), then each block's 8 ints converted to float and scaled once, the
     * blocks in order; the blocks left (all of them where not {@code wide}, else a last odd one) take the same steps one
     * at a time in 256-bit vectors. Each block's 8 lanes hold the
     * integers {@link #four} sums in float lanes, and the scaled blocks are added in the same order: the same floats.
     *
     * <p>Against the 256-bit kernel of one block at a time, the rows of a 2048 × 8192 matrix of the 1B Q4_0 file, one
     * thread, CPU time (llama.cpp's {@code ggml_vec_dot_q4_0_q8_0} AVX-512 path likewise takes two blocks a step):
     * 81–91 ns a row against 120–129 with the rows in cache and 88–110 against 141–146 streamed, and in a second,
     * more loaded pair of runs 124–128 against 172–175 (Zen 5 executes 512-bit integer operations at full width).
     * Without AVX-512 (AVX2 only, or {@code -XX:UseAVX=2}), C2 runs 512-bit operations as the Vector API's Java code,
     * many times slower: there {@link BlockQ8_0#WIDE} is false and every block takes the 256-bit steps.
     *
     * <p>Every vector operation is written out here, none in a helper that returns a vector: the JIT compiles a
     * helper shared by several kernels on its own once it is hot, then does not inline that compiled code (too big),
     * and a vector returned from a call is boxed and its type unknown to the caller, whose next operations then run
     * the Vector API's Java fallback (seen in the machine code: {@code Int256Vector.convertShape} and
     * {@code toLongArray} on the decode path, Q4_0 decode 10x slower in such runs).
     */
    private static void two(MemorySegment s, long ds, long k0, long k1, int blocks, short[] x, float[] xd, float[] scales, float[] sums, boolean wide) {
        int b = 0;
        for (; b < F.loopBound(blocks); b += 8) {
            FloatVector xs = FloatVector.fromArray(F, xd, b);
            FloatVector.fromMemorySegment(F, s, ds + 4 * (k0 + b), LE).mul(xs).intoArray(scales, b);
            FloatVector.fromMemorySegment(F, s, ds + 4 * (k1 + b), LE).mul(xs).intoArray(scales, blocks + b);
        }
        for (; b < blocks; b++) {
            scales[b] = s.get(FloatRows.FLOAT_LE, ds + 4 * (k0 + b)) * xd[b];
            scales[blocks + b] = s.get(FloatRows.FLOAT_LE, ds + 4 * (k1 + b)) * xd[b];
        }
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (b = 0; wide && b + 1 < blocks; b += 2) {
            ShortVector x0 = ShortVector.fromArray(S512, x, b * 32);
            ShortVector x1 = ShortVector.fromArray(S512, x, b * 32 + 32);
            ShortVector q = (ShortVector) ByteVector.fromMemorySegment(B32, s, 16 * (k0 + b), LE).convertShape(VectorOperators.B2S, S512, 0);
            IntVector p = q.and((short) 0x0F).sub((short) 8).mul(x0).add(q.lanewise(VectorOperators.ASHR, 4).mul(x1)).reinterpretAsInts();
            IntVector pairs = p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
            acc0 = ((FloatVector) ((IntVector) pairs.reinterpretShape(I, 0)).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scales[b]), acc0);
            acc0 = ((FloatVector) ((IntVector) pairs.reinterpretShape(I, 1)).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scales[b + 1]), acc0);
            q = (ShortVector) ByteVector.fromMemorySegment(B32, s, 16 * (k1 + b), LE).convertShape(VectorOperators.B2S, S512, 0);
            p = q.and((short) 0x0F).sub((short) 8).mul(x0).add(q.lanewise(VectorOperators.ASHR, 4).mul(x1)).reinterpretAsInts();
            pairs = p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
            acc1 = ((FloatVector) ((IntVector) pairs.reinterpretShape(I, 0)).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scales[blocks + b]), acc1);
            acc1 = ((FloatVector) ((IntVector) pairs.reinterpretShape(I, 1)).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scales[blocks + b + 1]), acc1);
        }
        for (; b < blocks; b++) {
            ShortVector x0 = ShortVector.fromArray(S, x, b * 32);
            ShortVector x1 = ShortVector.fromArray(S, x, b * 32 + 16);
            ShortVector q = (ShortVector) ByteVector.fromMemorySegment(B16, s, 16 * (k0 + b), LE).convertShape(VectorOperators.B2S, S, 0);
            IntVector p = q.and((short) 0x0F).sub((short) 8).mul(x0).add(q.lanewise(VectorOperators.ASHR, 4).mul(x1)).reinterpretAsInts();
            IntVector pairs = p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
            acc0 = ((FloatVector) pairs.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scales[b]), acc0);
            q = (ShortVector) ByteVector.fromMemorySegment(B16, s, 16 * (k1 + b), LE).convertShape(VectorOperators.B2S, S, 0);
            p = q.and((short) 0x0F).sub((short) 8).mul(x0).add(q.lanewise(VectorOperators.ASHR, 4).mul(x1)).reinterpretAsInts();
            pairs = p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
            acc1 = ((FloatVector) pairs.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scales[blocks + b]), acc1);
        }
        acc0.intoArray(sums, 0);
        acc1.intoArray(sums, 8);
    }

    /**
     * One row, whose blocks begin at block {@code k} of the tensor, against inputs t0..t3 (in by-pairs order), each
     * block's nibbles decoded once for the four, with the integer
     * sums of {@link #two} computed in float lanes: the block's 16 bytes read as 8 little-endian shorts (their top bits
     * flipped back) put bytes 2l and
     * 2l + 1 in lane l, whose four nibbles less 8 are values 2l, 2l + 1, 16 + 2l and 17 + 2l, the products lane l of
     * {@link #two} sums. Each product (at most 8·127 in magnitude) and each lane's sum of four is an integer below 2^24,
     * exact in float, so the lane sums, their one scaling per block and the row's sum are {@link #two}'s floats bit for
     * bit (QuantizedRowsTest compares them). The accumulators go to {@code sums} (32 floats), for the reason
     * {@link BlockQ8_0}'s batch kernel gives. Each input's operations are written out rather than taken from a helper
     * (BlockQ8_0's {@code block} computes the same): a helper that two kernels call is compiled on its own once hot
     * and then not inlined, which boxes its vectors ({@link #two} says what that costs).
     *
     * <p>Tried and dropped in float lanes (all bit for bit this kernel's products; one thread, both kernels taking
     * turns in one JVM, best of 12 rounds, on cores another job loaded): two blocks a step in 512-bit vectors (their
     * 32 bytes as 16 shorts, activations reordered so that one 512-bit load takes a run of 8 of both blocks, each half
     * then scaled and added in 256-bit lanes in block order): 8 inputs, 2048 × 2048 rows 1.88 ms against 1.51,
     * 8192 × 2048 7.66 against 6.11, 2048 × 8192 6.73 against 5.32 (PrintIntrinsics: C2 did not intrinsify that
     * kernel's {@code VectorSupport::convert}s, and JFR sampled the Vector API's Java fallbacks); 8 inputs per decoded
     * block with every block's d·d_x computed 8 at a time first: 2.65 against 1.86, 8.64 against 6.18; those d·d_x
     * precomputed for these 4 inputs alone: 1.67 against 1.55, 8.54 against 7.51.
     */
    private static void four(MemorySegment s, long ds, long k, float[][] x, float[][] xd, int t0, int t1, int t2, int t3, int blocks, float[] sums) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        float[] x0 = x[t0];
        float[] x1 = x[t1];
        float[] x2 = x[t2];
        float[] x3 = x[t3];
        for (int b = 0; b < blocks; b++) {
            IntVector q = ((IntVector) ShortVector.fromMemorySegment(S8, s, 16 * (k + b), LE).convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.XOR, 0x8080);
            FloatVector w0 = (FloatVector) q.and(0x0F).sub(8).convert(VectorOperators.I2F, 0);
            FloatVector w1 = (FloatVector) q.lanewise(VectorOperators.ASHR, 8).and(0x0F).sub(8).convert(VectorOperators.I2F, 0);
            FloatVector w2 = (FloatVector) q.lanewise(VectorOperators.ASHR, 4).and(0x0F).sub(8).convert(VectorOperators.I2F, 0);
            FloatVector w3 = (FloatVector) q.lanewise(VectorOperators.ASHR, 12).and(0x0F).sub(8).convert(VectorOperators.I2F, 0);
            float d = s.get(FloatRows.FLOAT_LE, ds + 4 * (k + b));
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

    /**
     * One row, whose blocks begin at block {@code k} of the tensor, against inputs t0..t3 (in {@code Q8_0_BY_HALVES}
     * order, as shorts) in {@link #two}'s 512-bit integer steps, each two blocks' nibbles decoded once for the four
     * inputs: first each input's d·d_x of every block, 8 at a time, to {@code scales} (4·blocks floats); then per two
     * blocks, for each input, the products of {@link #two}'s lanes, scaled and added in block order, a last odd block in
     * {@link #two}'s 256-bit steps: {@link #two}'s operations on the same values, so its floats (and {@link #four}'s).
     * Every vector operation is written out, for the reason {@link #two} gives. (llama.cpp's counterpart on AVX-512 is
     * ggml-cpu's repacked {@code ggml_gemv_q4_0_8x8_q8_0}/{@code ggml_gemm_q4_0_8x8_q8_0}, integer products of 8
     * interleaved rows; the Vector API has no 8-bit multiply-add, so the products are {@link #two}'s shorts.)
     *
     * <p>Against {@link #four}, one thread, taking turns in one JVM, best of 12 rounds, identical products: 8 inputs,
     * 2048 × 2048 rows 1.12 ms against 1.58, 8192 × 2048 4.96 against 6.49, 2048 × 8192 4.91 against 5.64; 16 inputs
     * 14.9 against 14.9 (8192 × 2048) and 10.5 against 11.8 (2048 × 8192); 4 inputs 0.84 against 0.84; 3 inputs of 512
     * rows 0.13 against 0.18. Batched decode of the 1B Q4_0 file ({@code jack bench engine --batch 4,8,16 --prompt 8
     * --tokens 32}, 2 threads, 3 runs of each build taking turns on cores another job loaded): batch4 31.0–32.2
     * tokens/s against 21.1–28.6, batch8 30.6–32.1 against 26.7–28.9, batch16 26.8–31.5 against 27.5–29.1.
     */
    private static void fourWide(MemorySegment s, long ds, long k, int blocks, short[] x0, short[] x1, short[] x2, short[] x3, float[][] xd,
                                 int t0, int t1, int t2, int t3, float[] scales, float[] sums) {
        int b = 0;
        for (; b < F.loopBound(blocks); b += 8) {
            FloatVector d = FloatVector.fromMemorySegment(F, s, ds + 4 * (k + b), LE);
            d.mul(FloatVector.fromArray(F, xd[t0], b)).intoArray(scales, b);
            d.mul(FloatVector.fromArray(F, xd[t1], b)).intoArray(scales, blocks + b);
            d.mul(FloatVector.fromArray(F, xd[t2], b)).intoArray(scales, 2 * blocks + b);
            d.mul(FloatVector.fromArray(F, xd[t3], b)).intoArray(scales, 3 * blocks + b);
        }
        for (; b < blocks; b++) {
            float d = s.get(FloatRows.FLOAT_LE, ds + 4 * (k + b));
            scales[b] = d * xd[t0][b];
            scales[blocks + b] = d * xd[t1][b];
            scales[2 * blocks + b] = d * xd[t2][b];
            scales[3 * blocks + b] = d * xd[t3][b];
        }
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        for (b = 0; b + 1 < blocks; b += 2) {
            ShortVector q = (ShortVector) ByteVector.fromMemorySegment(B32, s, 16 * (k + b), LE).convertShape(VectorOperators.B2S, S512, 0);
            ShortVector low = q.and((short) 0x0F).sub((short) 8);
            ShortVector high = q.lanewise(VectorOperators.ASHR, 4);
            IntVector p0 = low.mul(ShortVector.fromArray(S512, x0, b * 32)).add(high.mul(ShortVector.fromArray(S512, x0, b * 32 + 32))).reinterpretAsInts();
            p0 = p0.add(p0.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
            acc0 = ((FloatVector) ((IntVector) p0.reinterpretShape(I, 0)).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scales[b]), acc0);
            acc0 = ((FloatVector) ((IntVector) p0.reinterpretShape(I, 1)).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scales[b + 1]), acc0);
            IntVector p1 = low.mul(ShortVector.fromArray(S512, x1, b * 32)).add(high.mul(ShortVector.fromArray(S512, x1, b * 32 + 32))).reinterpretAsInts();
            p1 = p1.add(p1.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
            acc1 = ((FloatVector) ((IntVector) p1.reinterpretShape(I, 0)).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scales[blocks + b]), acc1);
            acc1 = ((FloatVector) ((IntVector) p1.reinterpretShape(I, 1)).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scales[blocks + b + 1]), acc1);
            IntVector p2 = low.mul(ShortVector.fromArray(S512, x2, b * 32)).add(high.mul(ShortVector.fromArray(S512, x2, b * 32 + 32))).reinterpretAsInts();
            p2 = p2.add(p2.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
            acc2 = ((FloatVector) ((IntVector) p2.reinterpretShape(I, 0)).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scales[2 * blocks + b]), acc2);
            acc2 = ((FloatVector) ((IntVector) p2.reinterpretShape(I, 1)).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scales[2 * blocks + b + 1]), acc2);
            IntVector p3 = low.mul(ShortVector.fromArray(S512, x3, b * 32)).add(high.mul(ShortVector.fromArray(S512, x3, b * 32 + 32))).reinterpretAsInts();
            p3 = p3.add(p3.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
            acc3 = ((FloatVector) ((IntVector) p3.reinterpretShape(I, 0)).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scales[3 * blocks + b]), acc3);
            acc3 = ((FloatVector) ((IntVector) p3.reinterpretShape(I, 1)).convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scales[3 * blocks + b + 1]), acc3);
        }
        if (b < blocks) {
            ShortVector q = (ShortVector) ByteVector.fromMemorySegment(B16, s, 16 * (k + b), LE).convertShape(VectorOperators.B2S, S, 0);
            ShortVector low = q.and((short) 0x0F).sub((short) 8);
            ShortVector high = q.lanewise(VectorOperators.ASHR, 4);
            IntVector p0 = low.mul(ShortVector.fromArray(S, x0, b * 32)).add(high.mul(ShortVector.fromArray(S, x0, b * 32 + 16))).reinterpretAsInts();
            p0 = p0.add(p0.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
            acc0 = ((FloatVector) p0.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scales[b]), acc0);
            IntVector p1 = low.mul(ShortVector.fromArray(S, x1, b * 32)).add(high.mul(ShortVector.fromArray(S, x1, b * 32 + 16))).reinterpretAsInts();
            p1 = p1.add(p1.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
            acc1 = ((FloatVector) p1.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scales[blocks + b]), acc1);
            IntVector p2 = low.mul(ShortVector.fromArray(S, x2, b * 32)).add(high.mul(ShortVector.fromArray(S, x2, b * 32 + 16))).reinterpretAsInts();
            p2 = p2.add(p2.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
            acc2 = ((FloatVector) p2.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scales[2 * blocks + b]), acc2);
            IntVector p3 = low.mul(ShortVector.fromArray(S, x3, b * 32)).add(high.mul(ShortVector.fromArray(S, x3, b * 32 + 16))).reinterpretAsInts();
            p3 = p3.add(p3.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
            acc3 = ((FloatVector) p3.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scales[3 * blocks + b]), acc3);
        }
        acc0.intoArray(sums, 0);
        acc1.intoArray(sums, 8);
        acc2.intoArray(sums, 16);
        acc3.intoArray(sums, 24);
    }
}
