package dev.jack.llm.engine;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.jack.llm.engine.BlockQ8_0.B16;
import static dev.jack.llm.engine.BlockQ8_0.B8;
import static dev.jack.llm.engine.BlockQ8_0.F;
import static dev.jack.llm.engine.BlockQ8_0.I;
import static dev.jack.llm.engine.BlockQ8_0.LE;
import static dev.jack.llm.engine.BlockQ8_0.S;
import static dev.jack.llm.engine.BlockQ8_0.f16;
import static dev.jack.llm.engine.BlockQ8_0.lanes;

/**
 * Q6_K rows: super-blocks of 256 values (ggml's {@code block_q6_K}): 128 bytes of low 4 bits, 64 bytes of high
 * 2 bits, sixteen signed 8-bit scales (one per 16 values) and an f16 d; value = d·scale·(q − 32). In each half
 * of 128 values, byte l of the low bits holds values l and l+64, byte l+32 values l+32 and l+96, and high-bit
 * byte l the top bits of all four. Products against q8_K activations are llama.cpp's
 * {@code ggml_vec_dot_q6_K_q8_K}: Σ scale·Σ (q − 32)·x in integers per super-block, times d·d_x.
 *
 * <p>The rows are read in a layout of Jack's own, made once when the file is opened ({@link #repack}, for the reason
 * ggml-cpu's {@code repack.cpp} lays weights out anew), 274 bytes a super-block against the file's 210: first every
 * super-block's 256 values q − 32 as signed bytes, each group of 16 in by-pairs order (its even values, then its odd
 * ones: {@link Activations.Format#Q8_K_BY_PAIRS}), then every super-block's 16 scales, then every d. Assembling each
 * value from its 4 low and 2 high bits took about 10 vector operations per 16 values in the file's layout; here, in
 * 256-bit vectors, a group's 16 products take 7 ({@link #one}), or, for four inputs, two conversions of 8 bytes to
 * floats shared by the four and a multiply and two fused multiply-adds each ({@link #four}), the activations in the
 * same by-pairs order; in 512-bit vectors two groups' 32 bytes are put back in natural order by one byte shuffle and
 * widened, then multiplied with natural-order q8_K activations ({@code Q8_K}), for one input ({@link #oneWide}) or,
 * widened once, for four ({@link #fourWide}, ggml-cpu's {@code repack.cpp} GEMM idea of unpacking weights once for
 * several activations): measured in {@link #dot}, {@link #oneWide} and {@link #fourWide}. Both sets of kernels exist
 * because the 512-bit single-input one is 2.5 times faster a row with AVX-512, but without it (AVX2 only, or
 * {@code -XX:UseAVX=2}) C2 runs 512-bit operations as the Vector API's Java code; {@link BlockQ8_0#WIDE} chooses, and
 * {@link #activations(int, boolean)} the activations' order with it. All give the same floats. (llama.cpp's
 * {@code ggml_vec_dot_q6_K_q8_K} reads the file's layout.) The copy is
 * held in memory of the file's own (see {@link GgufFile}), not mapped: 30% more bytes than the file's Q6_K tensors.
 */
final class BlockQ6_K implements QuantizedRows {
    static final BlockQ6_K ROWS = new BlockQ6_K();

    private BlockQ6_K() {}

    @Override
    public Activations.Format activations(int count) {
        return activations(count, BlockQ8_0.WIDE);
    }

    /**
     * {@link #activations}, for the 512-bit kernels ({@link #oneWide}, {@link #fourWide}: natural order, {@code Q8_K})
     * where {@code wide} or the 256-bit ones ({@link #one}, {@link #four}: {@code Q8_K_BY_PAIRS}), for any count.
     */
    static Activations.Format activations(int count, boolean wide) {
        return wide ? Activations.Format.Q8_K : Activations.Format.Q8_K_BY_PAIRS;
    }

    /**
     * The repacked layout: per super-block, 256 values, 16 scales and an f16 d, 30% more than the file's; the file's
     * super-blocks are ggml's {@code block_q6_K}.
     */
    private static final RepackedLayout LAYOUT = new RepackedLayout(210, 274, 256, 16);

    @Override
    public RepackedLayout repackedLayout() {
        return LAYOUT;
    }

    /**
     * Lays super-blocks {@code firstBlock..} of a tensor (the file's 210-byte ones, a whole number of them, in
     * {@code blocks}) out in {@code into}, the whole tensor's memory: super-block k's values q − 32 to
     * {@code into[256k, 256k + 256)}, value j of each group of 16 at {@link Activations.Format#position}(j) of
     * {@code Q8_K_BY_PAIRS}; its 16 scales to {@link RepackedLayout#scales}(into) + 16k and its d to the f16 at
     * {@link RepackedLayout#ds}(into) + 2k.
     */
    @Override
    public void repack(MemorySegment blocks, long firstBlock, MemorySegment into) {
        long scales = LAYOUT.scales(into);
        long ds = LAYOUT.ds(into);
        short[] q = new short[256];
        LAYOUT.eachFileBlock(blocks, firstBlock, (block, k) -> {
            values(block, 0, q);
            for (int g = 0; g < 16; g++) {
                ((ByteVector) ShortVector.fromArray(S, q, 16 * g).convertShape(VectorOperators.S2B, B16, 0)).rearrange(TO_PAIRS)
                        .intoMemorySegment(into, 256 * k + 16 * g, LE);
            }
            MemorySegment.copy(block, 192, into, ValueLayout.JAVA_BYTE, scales + 16 * k, 16);
            MemorySegment.copy(block, 208, into, ValueLayout.JAVA_BYTE, ds + 2 * k, 2);
        });
    }

    private static final VectorShuffle<Byte> TO_PAIRS = BlockQ8_0.order(B16, Activations.Format.Q8_K_BY_PAIRS, true);
    private static final VectorShuffle<Byte> FROM_PAIRS = BlockQ8_0.order(B16, Activations.Format.Q8_K_BY_PAIRS, false);

    @Override
    public void decode(MemorySegment data, long first, int n, float[] out, int at) {
        long scales = LAYOUT.scales(data);
        long ds = LAYOUT.ds(data);
        for (int b = 0; b < n / 256; b++) {
            long k = first / 256 + b;
            float d = f16(data, ds + 2 * k);
            for (int g = 0; g < 16; g++) {
                float scale = d * data.get(ValueLayout.JAVA_BYTE, scales + 16 * k + g);
                ByteVector q = ByteVector.fromMemorySegment(B16, data, 256 * k + 16 * g, LE).rearrange(FROM_PAIRS);
                ((FloatVector) q.convertShape(VectorOperators.B2F, F, 0)).mul(scale).intoArray(out, at + b * 256 + 16 * g);
                ((FloatVector) q.convertShape(VectorOperators.B2F, F, 1)).mul(scale).intoArray(out, at + b * 256 + 16 * g + 8);
            }
        }
    }

    /**
     * Fewer than four inputs take {@link #oneWide} or {@link #one} each, four or more {@link #fourWide} or
     * {@link #four} per four ({@link #fours}, which says where a single-input kernel takes the input left over), in
     * methods of their own, for the reason BlockQ4_K's class comment gives. All 17 Q6_K matrices of a Llama 3.2
     * 1B-shaped Q4_K_M file multiplied once on one thread, CPU time, one JVM taking turns with the file's layout's
     * kernels, identical products (medians of 7 rounds on loaded cores), before {@link #fourWide}: 1 input 42–50 ms
     * against 65–99, 2 inputs 106 against 146, 4 inputs 92 against 134, 8 inputs 187 against 261, 16 inputs 390 against
     * 441. The integer kernel for a batch in 256-bit vectors (one per input) took 156 ms for 4 inputs and 504 for 8;
     * the float one for a single input 54–55 ms.
     */
    @Override
    public void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys) {
        dot(data, in, from, to, x, ys, BlockQ8_0.WIDE);
    }

    /**
     * {@link #dot} with the kernels chosen by {@code wide}: {@link #oneWide} and {@link #fourWide} (512-bit vectors,
     * over {@code Q8_K} activations) where true, {@link #one} and {@link #four} (256-bit, over {@code Q8_K_BY_PAIRS})
     * where false ({@link #activations(int, boolean)}); all give the same floats. Tests run both on any hardware.
     */
    void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys, boolean wide) {
        assert x.format == activations(x.count(), wide) : x.format + (wide ? " for the 512-bit kernels" : " for the 256-bit kernels");
        if (x.count() < 4) ones(data, in, from, to, x, ys, wide);
        else fours(data, in, from, to, x, ys, wide);
    }

    /** {@link #dot} for fewer than four inputs: {@link #one} or {@link #oneWide} for each. */
    private static void ones(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys, boolean wide) {
        int blocks = in / 256;
        long scales = LAYOUT.scales(data);
        long ds = LAYOUT.ds(data);
        int[] groupScales = new int[16 * blocks];
        float[] blockScales = new float[blocks];
        float[] lanes = new float[8];
        for (int r = from; r < to; r++) {
            long row = (long) r * blocks;
            for (int t = 0; t < x.count(); t++) {
                ys[t][r] = wide
                        ? oneWide(data, 256 * row, scales + 16 * row, ds + 2 * row, x.values[t], x.scales[t], blocks, groupScales, blockScales, lanes)
                        : one(data, 256 * row, scales + 16 * row, ds + 2 * row, x.values[t], x.scales[t], blocks, groupScales, lanes);
            }
        }
    }

    /**
     * {@link #dot} for four inputs or more: {@link #fourWide} or {@link #four} for each four; where one input is left
     * over, {@link #one} or {@link #oneWide} for it, and where two or three are, a last four overlapping the one before
     * (the products are the same whichever kernel computes them). All 17 Q6_K matrices of a Q4_K_M file on one thread,
     * CPU time (one JVM taking turns with the overlapping four alone, identical products, on loaded cores): 5 inputs
     * 227 ms against 296, 9 inputs 390 against 437 (medians of 6 rounds; on a file llama-quantize made, 5 inputs 303
     * against 388, 4 rounds); {@link #one} for each of two left over took 335 ms for 6 inputs against 286.
     */
    private static void fours(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys, boolean wide) {
        int blocks = in / 256;
        long scales = LAYOUT.scales(data);
        long ds = LAYOUT.ds(data);
        float[] sums = new float[32];
        float[] floatScales = new float[16];
        int[] groupScales = new int[16 * blocks];
        float[] blockScales = new float[blocks];
        float[] lanes = new float[8];
        int count = x.count();
        int leftOver = count % 4 == 1 ? 1 : 0;
        for (int r = from; r < to; r++) {
            long row = (long) r * blocks;
            for (int t0 = 0; t0 < count - leftOver; t0 += 4) {
                int t = Math.min(t0, count - 4);
                if (wide) fourWide(data, 256 * row, scales + 16 * row, ds + 2 * row, x.values, x.scales, t, blocks, sums, groupScales);
                else four(data, 256 * row, scales + 16 * row, ds + 2 * row, x.floats, x.scales, t, blocks, sums, floatScales);
                for (int k = 0; k < 4; k++) ys[t + k][r] = lanes(sums, 8 * k);
            }
            for (int t = count - leftOver; t < count; t++) {
                ys[t][r] = wide
                        ? oneWide(data, 256 * row, scales + 16 * row, ds + 2 * row, x.values[t], x.scales[t], blocks, groupScales, blockScales, lanes)
                        : one(data, 256 * row, scales + 16 * row, ds + 2 * row, x.values[t], x.scales[t], blocks, groupScales, lanes);
            }
        }
    }

    /**
     * One row against one input, in 256-bit vectors (where {@link BlockQ8_0#WIDE} is false): its values at
     * {@code s[values]}, its scales at {@code s[scales]} and its d values at
     * {@code s[ds]}. Per group, the 16 bytes widened to shorts times the activations' (a value times an activation
     * byte fits a short, and so does the sum of two), the two halves added (even value 2m's product and odd value
     * 2m + 1's) and widened to 8 ints, times the group scale: lane m holds the integer that the kernel over the file's
     * layout summed in lane m (values 2m and 2m + 1 of each group), so the products are the same floats. The
     * scales are widened once a super-block into {@code intScales}[0, 16), each then one broadcast load.
     *
     * <p>This and {@link #oneWide} store their 8 float lanes to {@code lanes} (8 floats, one array a task) and add them
     * with {@link BlockQ8_0#lanes(float[], int)} (the same adds in the same order, so the same float), as BlockQ4_K
     * does: -XX:+PrintInlining had shown {@code BlockQ8_0::lanes failed to inline: callee is too large} at the end of
     * oneWide, which boxes the accumulator once a row. In a harness of the output head alone (128,256 × 2048, one
     * thread, CPU time a product, separate JVMs taking turns, 2–3 rounds of 15–21 products, load 5–6 on the 2 cores)
     * C2 inlined {@code lanes} in both builds and no difference showed beyond the noise: oneWide 21.6–25.8 ms at best
     * (medians 22.0–34.8) against 20.8–29.1 (22.6–37.8); {@code one} ({@code wide} false) 22.4–41.2 (24.0–44.5)
     * against 21.6–27.1 (25.0–36.2), with -XX:UseAVX=2 28.3–32.0 (37.3–37.5) against 28.0–28.2 (34.8–40.1).
     */
    private static float one(MemorySegment s, long values, long scales, long ds, short[] x, float[] xd, int blocks, int[] intScales, float[] lanes) {
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            IntVector sum = IntVector.zero(I);
            long at = values + 256L * b;
            ByteVector groupScales = ByteVector.fromMemorySegment(B16, s, scales + 16L * b, LE);
            ((IntVector) groupScales.convertShape(VectorOperators.B2I, I, 0)).intoArray(intScales, 0);
            ((IntVector) groupScales.convertShape(VectorOperators.B2I, I, 1)).intoArray(intScales, 8);
            for (int g = 0; g < 16; g++) {
                ShortVector p = ((ShortVector) ByteVector.fromMemorySegment(B16, s, at + 16 * g, LE).convertShape(VectorOperators.B2S, S, 0))
                        .mul(ShortVector.fromArray(S, x, 256 * b + 16 * g));
                sum = sum.add(((IntVector) p.add(p.rearrange(OTHER_HALF)).convertShape(VectorOperators.S2I, I, 0)).mul(intScales[g]));
            }
            acc = ((FloatVector) sum.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, f16(s, ds + 2L * b) * xd[b]), acc);
        }
        acc.intoArray(lanes, 0);
        return lanes(lanes, 0);
    }

    private static final VectorShuffle<Short> OTHER_HALF = VectorShuffle.fromOp(S, j -> (j + 8) % 16);

    /**
     * One row against one input, as {@link #one}, where {@link BlockQ8_0#WIDE} is true: its values at
     * {@code s[values]}, its scales at {@code s[scales]} and its d values at {@code s[ds]}, in 512-bit vectors, two
     * groups of 16 at a time. First the super-blocks' scales are widened to {@code groupScales} (16 ints each,
     * {@link #widenScales}) and their d·d_x put in {@code blockScales}. Then, in one loop over the row's pairs of
     * groups (one loop a row, so that C2 sets up its range checks on the segment once, as in BlockQ4_K), the 32 bytes
     * are put back in natural order within each group (by-pairs order puts value 2m at byte m and 2m + 1 at byte m + 8;
     * one byte shuffle), widened to shorts and multiplied with the natural-order activations ({@code Q8_K}; a value
     * times an activation byte fits a short, and so does the sum of two), so that int lane m of a group is the sum of
     * the products of values 2m and 2m + 1 (added in three operations, as BlockQ4_0's kernel does), times the group's
     * scale (two broadcasts blended). Reordering the 32 bytes rather than the 32 short products (as this kernel did
     * over by-pairs activations, a shuffle of 512-bit short vectors): 20.9–21.4 ms at best (medians 21.4–22.0) against
     * 21.2–21.8 (21.9–23.6) for the output head below (separate JVMs taking turns, 2 rounds of 15, load 3–6), so the
     * same speed, with the activations {@link #fourWide} takes.
     *
     * <p>The 128,256 rows of a 1B model's Q6_K output head, one thread, CPU time, against the 256-bit kernel of one
     * group at a time (widened products, the halves added by a rearrange, converted to ints, times a broadcast scale):
     * 107–118 ns a row against 268–287 (with the rows in cache: 250–287 before, so that kernel was bound by its
     * operations, not by memory), and on 2 threads the head took 11–16 ms against 14–20. The pair of scales taken by 8
     * rearranges of the super-block's 16 scales (stored for the loop) took 154–186 ns a row, by selectFrom 247–268. At
     * a super-block's end the two groups' 8 lanes are added into 8: each int lane m then holds the integer that lane m
     * of the batch kernels sums ({@link #four} in float lanes, {@link #fourWide} in int ones: values 2m and 2m + 1 of
     * every group, times its scale), so the products are the same floats.
     */
    private static float oneWide(MemorySegment s, long values, long scales, long ds, short[] x, float[] xd, int blocks, int[] groupScales, float[] blockScales,
            float[] lanes) {
        widenScales(s, scales, blocks, groupScales);
        for (int b = 0; b < blocks; b++) blockScales[b] = f16(s, ds + 2L * b) * xd[b];
        FloatVector acc = FloatVector.zero(F);
        IntVector sum = IntVector.zero(I512);
        for (int i = 0; i < 8 * blocks; i++) {
            IntVector p = ((ShortVector) ByteVector.fromMemorySegment(B32, s, values + 32L * i, LE).rearrange(NATURAL)
                    .convertShape(VectorOperators.B2S, S512, 0)).mul(ShortVector.fromArray(S512, x, 32 * i)).reinterpretAsInts();
            sum = sum.add(p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16)
                    .mul(IntVector.broadcast(I512, groupScales[2 * i]).blend(groupScales[2 * i + 1], SECOND_GROUP)));
            if ((i & 7) == 7) {
                IntVector groups = ((IntVector) sum.reinterpretShape(I, 0)).add((IntVector) sum.reinterpretShape(I, 1));
                acc = ((FloatVector) groups.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, blockScales[i >> 3]), acc);
                sum = IntVector.zero(I512);
            }
        }
        acc.intoArray(lanes, 0);
        return lanes(lanes, 0);
    }

    /**
     * The 16 signed 8-bit group scales of each of a row's {@code blocks} super-blocks, at {@code s[scales]}, widened to
     * {@code groupScales[16b, 16b + 16)} in one 512-bit conversion each: for the 512-bit kernels, which take a pair of
     * scales at a time. Takes and returns no vector, so it boxes nothing if the JIT compiles it apart.
     */
    private static void widenScales(MemorySegment s, long scales, int blocks, int[] groupScales) {
        for (int b = 0; b < blocks; b++) {
            ((IntVector) ByteVector.fromMemorySegment(B16, s, scales + 16L * b, LE).convertShape(VectorOperators.B2I, I512, 0)).intoArray(groupScales, 16 * b);
        }
    }

    private static final VectorSpecies<Byte> B32 = ByteVector.SPECIES_256;
    private static final VectorSpecies<Short> S512 = ShortVector.SPECIES_512;
    private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;

    /** Two groups' 32 stored values from by-pairs order back to natural order, each group's within its own 16 bytes. */
    private static final VectorShuffle<Byte> NATURAL = BlockQ8_0.order(B32, Activations.Format.Q8_K_BY_PAIRS, false);

    /** The int lanes of the second of two groups (8–15). */
    private static final VectorMask<Integer> SECOND_GROUP = VectorMask.fromLong(I512, 0xFF00L);

    /**
     * One row against inputs t..t+3, in float lanes (where {@link BlockQ8_0#WIDE} is false): per group, its even and
     * its odd values converted to 8 floats once for the four inputs, each input's two products summed, times the group
     * scale and added to the input's sum for the super-block. Every partial sum is an integer of at most 16.65M in
     * magnitude (32 products of |q − 32| ≤ 32, |x| ≤ 127 and |scale| ≤ 128 a lane), exact in float, so each lane holds
     * {@link #one}'s integer, and the same float operations follow. The accumulators are stored to {@code sums} (32
     * floats) for the reason BlockQ8_0's {@code four} gives; the scales are converted once a super-block into
     * {@code floatScales} (16 floats).
     */
    private static void four(MemorySegment s, long values, long scales, long ds, float[][] x, float[][] xd, int t, int blocks, float[] sums, float[] floatScales) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        float[] x0 = x[t];
        float[] x1 = x[t + 1];
        float[] x2 = x[t + 2];
        float[] x3 = x[t + 3];
        for (int b = 0; b < blocks; b++) {
            FloatVector sum0 = FloatVector.zero(F);
            FloatVector sum1 = FloatVector.zero(F);
            FloatVector sum2 = FloatVector.zero(F);
            FloatVector sum3 = FloatVector.zero(F);
            long at = values + 256L * b;
            ByteVector groupScales = ByteVector.fromMemorySegment(B16, s, scales + 16L * b, LE);
            ((FloatVector) groupScales.convertShape(VectorOperators.B2F, F, 0)).intoArray(floatScales, 0);
            ((FloatVector) groupScales.convertShape(VectorOperators.B2F, F, 1)).intoArray(floatScales, 8);
            for (int g = 0; g < 16; g++) {
                FloatVector even = (FloatVector) ByteVector.fromMemorySegment(B8, s, at + 16 * g, LE).convertShape(VectorOperators.B2F, F, 0);
                FloatVector odd = (FloatVector) ByteVector.fromMemorySegment(B8, s, at + 16 * g + 8, LE).convertShape(VectorOperators.B2F, F, 0);
                FloatVector scale = FloatVector.broadcast(F, floatScales[g]);
                int i = 256 * b + 16 * g;
                sum0 = odd.fma(FloatVector.fromArray(F, x0, i + 8), even.mul(FloatVector.fromArray(F, x0, i))).fma(scale, sum0);
                sum1 = odd.fma(FloatVector.fromArray(F, x1, i + 8), even.mul(FloatVector.fromArray(F, x1, i))).fma(scale, sum1);
                sum2 = odd.fma(FloatVector.fromArray(F, x2, i + 8), even.mul(FloatVector.fromArray(F, x2, i))).fma(scale, sum2);
                sum3 = odd.fma(FloatVector.fromArray(F, x3, i + 8), even.mul(FloatVector.fromArray(F, x3, i))).fma(scale, sum3);
            }
            float d = f16(s, ds + 2L * b);
            acc0 = sum0.fma(FloatVector.broadcast(F, d * xd[t][b]), acc0);
            acc1 = sum1.fma(FloatVector.broadcast(F, d * xd[t + 1][b]), acc1);
            acc2 = sum2.fma(FloatVector.broadcast(F, d * xd[t + 2][b]), acc2);
            acc3 = sum3.fma(FloatVector.broadcast(F, d * xd[t + 3][b]), acc3);
        }
        acc0.intoArray(sums, 0);
        acc1.intoArray(sums, 8);
        acc2.intoArray(sums, 16);
        acc3.intoArray(sums, 24);
    }

    /**
     * One row against inputs t..t+3 in 512-bit integer lanes, where {@link BlockQ8_0#WIDE} is true: per pair of groups,
     * the 32 stored bytes put back in natural order and widened to 32 shorts once for the four inputs (as in
     * {@link #oneWide}), multiplied with each input's 32 natural-order shorts ({@code x[t..t+3]}, {@code Q8_K}),
     * adjacent products added into 16 int lanes (add, LSHL 16, ASHR 16), times the two groups' scales (a blended
     * broadcast, once for the four) and summed in int over the super-block; at its end each input's two groups' 8 lanes
     * are added into 8, converted to float and fused-multiply-added with d·d_x. Int lane m then holds exactly the
     * integer that {@link #four}'s float lane m sums (values 2m and 2m + 1 of every group, times its scale), and the
     * same float operations follow, so the products are {@link #four}'s and {@link #one}'s bit for bit. Bounds: a
     * product |q − 32|·|x| ≤ 32·127 = 4064, two in a short ≤ 8128; a lane of a super-block at most 16·2·4064·128 =
     * 16,646,144 &lt; 2^24, exact in float (and far inside an int). The scales are widened first to {@code groupScales}
     * (16 ints a super-block); the results go to {@code sums} (32 floats, 8 an input) as in {@link #four}: a method of
     * its own taking and returning no vectors, for the JIT's inlining budget (PrintInlining with -XX:-TieredCompilation
     * showed no failure inside it). The idea is ggml-cpu's {@code repack.cpp} GEMM kernels' (weights unpacked once,
     * several activations multiplied) over {@code ggml_vec_dot_q6_K_q8_K}'s sums.
     *
     * <p>The 128,256 × 2048 output head of a 1B model, one thread, CPU time a product, separate JVMs taking turns with
     * {@link #four} (2 rounds of 9 products, load 3–6 on the 2 cores): 4 inputs 52.6–55.2 ms at best (medians
     * 55.3–55.9) against 71.3–73.8 (72.7–74.6), 8 inputs 98.3–100.9 (99.4–102.2) against 118.6–123.9 (119.3–125.9); the
     * 256-bit kernels unchanged (8 inputs 121.0–121.7 against 121.7–126.9, with -XX:UseAVX=2 123.6–131.2 against
     * 125.7–125.9). In {@code jack bench engine} on a random 1B-shaped Q4_K_M file (Jack's quantization), builds taking
     * turns, 3 repetitions each: on 1 thread (2 rounds, load 1–2) batch 4 10.0–10.4 tokens/s against 8.4–8.8, batch 8
     * 10.1–11.0 against 9.6–9.8, single-stream 9.0–10.5 against 7.8–8.5; on 2 threads (3 rounds, load 2–3) the rounds
     * of both builds varied by half or more with the other load on the 2 cores (batch 8 14.5–19.3 against 8.2–21.0,
     * single-stream 7.2–16.5 against 13.2–18.3), too noisy to tell.
     */
    private static void fourWide(MemorySegment s, long values, long scales, long ds, short[][] x, float[][] xd, int t, int blocks, float[] sums, int[] groupScales) {
        widenScales(s, scales, blocks, groupScales);
        short[] x0 = x[t];
        short[] x1 = x[t + 1];
        short[] x2 = x[t + 2];
        short[] x3 = x[t + 3];
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        IntVector sum0 = IntVector.zero(I512);
        IntVector sum1 = IntVector.zero(I512);
        IntVector sum2 = IntVector.zero(I512);
        IntVector sum3 = IntVector.zero(I512);
        for (int i = 0; i < 8 * blocks; i++) {
            ShortVector w = (ShortVector) ByteVector.fromMemorySegment(B32, s, values + 32L * i, LE).rearrange(NATURAL).convertShape(VectorOperators.B2S, S512, 0);
            IntVector scale = IntVector.broadcast(I512, groupScales[2 * i]).blend(groupScales[2 * i + 1], SECOND_GROUP);
            IntVector p0 = w.mul(ShortVector.fromArray(S512, x0, 32 * i)).reinterpretAsInts();
            IntVector p1 = w.mul(ShortVector.fromArray(S512, x1, 32 * i)).reinterpretAsInts();
            IntVector p2 = w.mul(ShortVector.fromArray(S512, x2, 32 * i)).reinterpretAsInts();
            IntVector p3 = w.mul(ShortVector.fromArray(S512, x3, 32 * i)).reinterpretAsInts();
            sum0 = sum0.add(p0.add(p0.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16).mul(scale));
            sum1 = sum1.add(p1.add(p1.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16).mul(scale));
            sum2 = sum2.add(p2.add(p2.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16).mul(scale));
            sum3 = sum3.add(p3.add(p3.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16).mul(scale));
            if ((i & 7) == 7) {
                int b = i >> 3;
                float d = f16(s, ds + 2L * b);
                acc0 = ((FloatVector) ((IntVector) sum0.reinterpretShape(I, 0)).add((IntVector) sum0.reinterpretShape(I, 1)).convert(VectorOperators.I2F, 0))
                        .fma(FloatVector.broadcast(F, d * xd[t][b]), acc0);
                acc1 = ((FloatVector) ((IntVector) sum1.reinterpretShape(I, 0)).add((IntVector) sum1.reinterpretShape(I, 1)).convert(VectorOperators.I2F, 0))
                        .fma(FloatVector.broadcast(F, d * xd[t + 1][b]), acc1);
                acc2 = ((FloatVector) ((IntVector) sum2.reinterpretShape(I, 0)).add((IntVector) sum2.reinterpretShape(I, 1)).convert(VectorOperators.I2F, 0))
                        .fma(FloatVector.broadcast(F, d * xd[t + 2][b]), acc2);
                acc3 = ((FloatVector) ((IntVector) sum3.reinterpretShape(I, 0)).add((IntVector) sum3.reinterpretShape(I, 1)).convert(VectorOperators.I2F, 0))
                        .fma(FloatVector.broadcast(F, d * xd[t + 3][b]), acc3);
                sum0 = IntVector.zero(I512);
                sum1 = IntVector.zero(I512);
                sum2 = IntVector.zero(I512);
                sum3 = IntVector.zero(I512);
            }
        }
        acc0.intoArray(sums, 0);
        acc1.intoArray(sums, 8);
        acc2.intoArray(sums, 16);
        acc3.intoArray(sums, 24);
    }

    /** The 256 values q − 32 of the file's super-block at {@code row[block]}, in order, to {@code q}. */
    private static void values(byte[] row, int block, short[] q) {
        // One call site: inlined twice (once per half), the four columns' vector code passed the JIT's node budget
        // and the rest of the method was compiled as calls returning boxed vectors.
        for (int k = 0; k < 4; k++) {
            int half = k >> 1;
            columns(row, block + 64 * half, block + 128 + 32 * half, k & 1, q, 128 * half);
        }
    }

    /**
     * Sixteen columns of a half super-block: low-bit bytes {@code ql[16c, 16c + 16)} and {@code ql[32 + 16c, ...)},
     * high-bit bytes {@code qh[16c, ...)}, giving values 16c.. of each of the half's four runs of 32 (less 32) to q[at
     * + ...). Kept this small, and widening its bytes itself rather than in a helper, so that the JIT compiles it to
     * vector code.
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
