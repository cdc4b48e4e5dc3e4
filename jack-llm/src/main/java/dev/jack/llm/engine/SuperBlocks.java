package dev.jack.llm.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

import static dev.jack.llm.engine.BlockQ8_0.F;
import static dev.jack.llm.engine.BlockQ8_0.I;
import static dev.jack.llm.engine.BlockQ8_0.S;
import static dev.jack.llm.engine.BlockQ8_0.lanes;

/**
 * The integer products of Q4_K's super-blocks (256 values, a 6-bit integer scale and minimum per group of 32 and
 * float scales per super-block), against q8_K activations as llama.cpp's {@code ggml_vec_dot_q4_K_q8_K} computes
 * them: Σ scale·Σ q·x over the groups in integers, times d_w·d_x. (Q6_K reads a layout of its own: {@link BlockQ6_K}.)
 *
 * <p>A batch's super-block is first unpacked (its values as shorts, its group scales as ints), then multiplied with
 * each input of the batch from there, where {@link BlockQ8_0#WIDE} is false (where true, BlockQ4_K.fourWide takes
 * four inputs a pass in float lanes); a single input's is multiplied straight from the tensor's memory, in BlockQ4_K's
 * layout (BlockQ4_K.rowProduct or rowProductWide). The steps are separate small methods on purpose, which pass
 * arrays between them and not vectors: the JIT compiles a large Vector API method to boxed vectors, many times
 * slower, and a vector returned by a call it did not inline is boxed too (so BlockQ4_K's kernels store their
 * accumulators to arrays and add the lanes with BlockQ8_0.lanes(float[], int)). The class also holds the
 * step of decoding rows to floats for prompt processing ({@link #floats}).
 *
 * <p>Not C2's auto-vectorized multiply-add: a counted loop {@code p[i] = w[2i]·x[2i] + w[2i+1]·x[2i+1]} over short
 * arrays compiles to vpmaddwd (SuperWord's MulAddS2I, 256-bit on Zen 4), ggml's instruction for these sums, and with
 * each value unpacked to a short[] already times its group scale (the integer lanes stay exact, so the products
 * identical) and lane l formed as Σ_k p[8k + l], it was measured against these kernels in one JVM on rows of 2048
 * and 8192 values: 1.4–1.9× the time for a single Q4_K input, 1.3–2× for a batch of 8 (Q4_K, and Q6_K in the
 * file's layout). Storing the unpacked values and the pair sums and reloading them costs more than the three
 * operations per 16 products it saves; the same held for Q4_0 and Q8_0 ({@link BlockQ4_0}, {@link BlockQ8_0}).
 */
final class SuperBlocks {
    private SuperBlocks() {}

    /** One super-block of a row, unpacked: what decoding to floats and a batch's products read. */
    static final class Unpacked {
        /** The 256 values; a single input's products do not read them. */
        final short[] q = new short[256];
        /** The integer scale of each group of 32. */
        final int[] scales = new int[8];
        /** The integer minimum of each group of 32. */
        final int[] minimums = new int[8];
        float d;
        float dmin;
    }

    /**
     * One task's working state for {@code ys[t][r]} over rows of super-blocks: the row's unpacked super-block, and per
     * input t eight float lanes of products and eight of the minimums' terms to subtract (the single-input kernel
     * keeps both in registers). BlockQ4_K runs its own row loop over it ({@code batch}), for the reason its class
     * comment gives.
     */
    static final class Dot {
        final int blocks;
        final int count;
        final Unpacked unpacked;
        final float[] acc;
        final float[] subtracted;

        Dot(int in, int count) {
            this.blocks = in / 256;
            this.count = count;
            this.unpacked = new Unpacked();
            this.acc = new float[count * 8];
            this.subtracted = new float[count * 8];
        }

        /** Clears the sums, for the next row. */
        void clear() {
            java.util.Arrays.fill(acc, 0);
            java.util.Arrays.fill(subtracted, 0);
        }

        /** {@code ys[t][r]} from the sums of row r: each input's 8 lanes of products summed, less its 8 of minimums. */
        void store(int r, float[][] ys) {
            for (int t = 0; t < count; t++) ys[t][r] = lanes(acc, t * 8) - lanes(subtracted, t * 8);
        }
    }

    /**
     * An unpacked super-block as floats to out[at, at + 256): per group of 32, scale·q − offset with scale =
     * d·(group scale) and offset = dmin·(group minimum), as ggml's dequantize_row_q4_K. BlockQ4_K.decode runs its own
     * super-block loop around this: with one loop shared with Q6_K through an unpacking interface, {@code unpack} was
     * compiled on its own and then also called, not inlined, per super-block by token decoding's products (a Q4_K_M
     * token 3–10% slower, one thread, in A/B runs of both builds in one JVM).
     */
    static void floats(Unpacked u, float[] out, int at) {
        for (int g = 0; g < 8; g++) {
            float scale = u.d * u.scales[g];
            float offset = u.dmin * u.minimums[g];
            for (int i = 0; i < 32; i += 16) {
                ShortVector q = ShortVector.fromArray(S, u.q, g * 32 + i);
                int to = at + g * 32 + i;
                ((FloatVector) q.convertShape(VectorOperators.S2F, F, 0)).mul(scale).sub(offset).intoArray(out, to);
                ((FloatVector) q.convertShape(VectorOperators.S2F, F, 1)).mul(scale).sub(offset).intoArray(out, to + 8);
            }
        }
    }

    /**
     * subtracted[at, at + 8) += dmin·d_x·minimum·(the activations' sum) for each of a super-block's groups of 32 (input
     * t, super-block {@code superBlock} of the row): the integer products (at most 63·32·128 = 258,048 in magnitude, so
     * exact as floats) converted to float and added by an FMA, the lanes and operations of BlockQ4_K.rowScales, so a
     * batch's products equal a single input's bit for bit.
     */
    static void minimums(Unpacked u, Activations.Quantized x, int t, int superBlock, float[] subtracted, int at) {
        IntVector products = IntVector.fromArray(I, u.minimums, 0).mul(IntVector.fromArray(I, x.sums[t], 8 * superBlock));
        ((FloatVector) products.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, u.dmin * x.scales[t][superBlock]),
                FloatVector.fromArray(F, subtracted, at)).intoArray(subtracted, at);
    }

    /**
     * acc[at, at + 8) += scale · Σ_groups of 32 (group scale · Σ q·x), the sums in integers: per group two sets of 16
     * products of short vectors, added, adjacent shorts added into ints (a 4-bit value times an activation byte is at
     * most 15·128 in magnitude, so a short holds the sum of two), times the group scale.
     *
     * <p>This and the types' products write every vector operation out rather than share helpers that return vectors: a
     * shared helper is compiled on its own once hot and then not inlined, and the vectors it returns are boxed, with a
     * type the caller does not know, so the caller's next operations run the Vector API's Java fallback (seen in the
     * machine code of the decode path).
     */
    static void groups32(short[] q, int[] scales, short[] x, int base, float scale, float[] acc, int at) {
        IntVector sum = IntVector.zero(I);
        for (int g = 0; g < 8; g++) {
            IntVector p = ShortVector.fromArray(S, q, g * 32).mul(ShortVector.fromArray(S, x, base + g * 32))
                    .add(ShortVector.fromArray(S, q, g * 32 + 16).mul(ShortVector.fromArray(S, x, base + g * 32 + 16))).reinterpretAsInts();
            sum = sum.add(p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16).mul(scales[g]));
        }
        ((FloatVector) sum.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scale), FloatVector.fromArray(F, acc, at)).intoArray(acc, at);
    }
}
