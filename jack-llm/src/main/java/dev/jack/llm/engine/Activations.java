package dev.jack.llm.engine;

import java.util.EnumMap;
import java.util.Map;

/**
 * The inputs of a matmul (a batch of activation vectors) and their 8-bit blocks, each made once and shared by every
 * matmul that reads the same inputs (q, k and v read one normed input; gate and up another). The arrays are
 * allocated for the largest batch seen and reused.
 *
 * <p>Quantization copies llama.cpp's x86 CPU backend bit for bit: {@code quantize_row_q8_0} (AVX2 branch: d =
 * amax/127 stored as f16, q = round-half-even(x·127/amax)) and {@code quantize_row_q8_K_ref} (iscale = −127/max
 * where max is the first element of largest magnitude, q = min(127, round-half-even(iscale·x)), d = 1/iscale).
 */
final class Activations {
    /**
     * 8-bit block formats, as ggml's {@code block_q8_0} and {@code block_q8_K}, with each run of 32 values in one of
     * several orders for the products that take them (the blocks' scales and sums are the same in every order):
     * <ul>
     *   <li>natural, for {@link BlockQ4_K}'s integer products and its 512-bit batch ones (which read the values as
     *       floats), {@link BlockQ6_K}'s 512-bit ones and {@link BlockQ4_0}'s 256-bit single-input ones;</li>
     *   <li>by halves ({@code Q8_0_BY_HALVES}), in runs of 64 (two blocks): values 0–15 of both blocks, then values
     *       16–31 of both, so that one 512-bit load takes the activations of two blocks' low nibbles and the next those
     *       of their high nibbles, for {@link BlockQ4_0}'s 512-bit integer products (a last odd block stays
     *       natural);</li>
     *   <li>by four ({@code Q8_0_BY_FOUR}): values by their index modulo 4 (0, 4, 8, …, 28, then 1, 5, …, 29, and so
     *       on), for {@link BlockQ8_0}'s products, whose 8 lanes then each sum four consecutive values as llama.cpp's
     *       do;</li>
     *   <li>by pairs ({@code Q8_0_BY_PAIRS}): values 0, 2, …, 14, then 1, 3, …, 15, then 16, 18,
     *       …, 30, then 17, 19, …, 31, so that lane l of the four runs of 8 holds values 2l, 2l + 1, 16 + 2l and 17 + 2l:
     *       the values whose products lane l of {@link BlockQ4_0}'s integer kernel sums (16 short products, adjacent pairs
     *       added into ints), for its 256-bit batch products, which then sum the same integers in float lanes; and the same
     *       order in q8_K blocks ({@code Q8_K_BY_PAIRS}), for {@link BlockQ6_K}'s 256-bit products over its repacked
     *       rows, whose lane l of a group of 16 sums values 2l and 2l + 1 in integer and in float lanes alike.</li>
     * </ul>
     */
    enum Format {
        Q8_0(32, 32), Q8_0_BY_FOUR(32, 32), Q8_0_BY_PAIRS(32, 32), Q8_0_BY_HALVES(32, 64), Q8_K(256, 32), Q8_K_BY_PAIRS(256, 32);

        final int block;
        /** The values reordered together: 32, or 64 for {@code Q8_0_BY_HALVES}. */
        final int run;

        Format(int block, int run) {
            this.block = block;
            this.run = run;
        }

        /** Where value j (0 to run − 1) of a whole run is stored in this format. */
        int position(int j) {
            if (this == Q8_0_BY_FOUR) return (j % 4) * 8 + j / 4;
            if (this == Q8_0_BY_PAIRS || this == Q8_K_BY_PAIRS) return j / 16 * 16 + j % 2 * 8 + j % 16 / 2;
            if (this == Q8_0_BY_HALVES) return j % 32 / 16 * 32 + j / 32 * 16 + j % 16;
            return j;
        }
    }

    /** One format's blocks of the inputs. */
    static final class Quantized {
        final Format format;
        int count;
        int n;
        /** [count][n]: the 8-bit values, widened to shorts (the form integer multiplies take), in the format's order. */
        short[][] values = new short[0][];
        /** [count][n]: the same values as floats (the form exact float multiplies take). */
        float[][] floats = new float[0][];
        /** [count][n / block]: each block's d (for q8_0 the f16-rounded value llama.cpp stores and multiplies). */
        float[][] scales = new float[0][];
        /** [count][n / 32]: the values' sums per 32 (q8_K only: Q4_K subtracts its minimums with them). */
        int[][] sums = new int[0][];
        /** [count][n]: values·d, the inputs of the float products of prompt processing ({@link Gemm}). */
        float[][] dequantized = new float[0][];
        boolean current;
        boolean dequantizedCurrent;

        Quantized(Format format) {
            this.format = format;
        }

        int count() {
            return count;
        }
    }

    private float[][] x;
    private int count;
    private int n;
    private final Map<Format, Quantized> quantized = new EnumMap<>(Format.class);

    /** The inputs are now x[0, count), each n long; earlier blocks are stale. The caller keeps x unchanged until the next set. */
    void set(float[][] x, int count, int n) {
        this.x = x;
        this.count = count;
        this.n = n;
        for (Quantized q : quantized.values()) {
            q.current = false;
            q.dequantizedCurrent = false;
        }
    }

    int count() {
        return count;
    }

    int n() {
        return n;
    }

    float[][] floats() {
        return x;
    }

    /** The inputs in the given format, quantized now (one input per task) if they are not yet. */
    Quantized quantized(Format format, Workers workers) {
        Quantized q = quantized.computeIfAbsent(format, Quantized::new);
        if (q.current) return q;
        if (q.values.length < count || q.values[0].length != n) {
            q.values = new short[count][n];
            q.floats = new float[count][n];
            q.scales = new float[count][n / format.block];
            q.sums = new int[count][n / 32];
            q.dequantized = new float[0][];
        }
        workers.run(count, (t, worker) -> {
            quantize(format, x[t], n, q.values[t], q.scales[t], q.sums[t]);
            for (int i = 0; i < n; i++) q.floats[t][i] = q.values[t][i];
        }, (long) count * n >= PARALLEL_ELEMENTS);
        q.count = count;
        q.n = n;
        q.current = true;
        return q;
    }

    /** The inputs as the float products of prompt processing take them: values·d of the format's 8-bit blocks. */
    float[][] dequantized(Format format, Workers workers) {
        Quantized q = quantized(format, workers);
        if (q.dequantizedCurrent) return q.dequantized;
        if (q.dequantized.length < count || q.dequantized[0].length != n) q.dequantized = new float[count][n];
        workers.run(count, (t, worker) -> {
            for (int i = 0; i < n; i++) q.dequantized[t][i] = q.values[t][position(format, i, n)] * q.scales[t][i / format.block];
        }, (long) count * n >= PARALLEL_ELEMENTS);
        q.dequantizedCurrent = true;
        return q.dequantized;
    }

    /** Below this many elements in all, inputs are quantized on the calling thread. */
    private static final long PARALLEL_ELEMENTS = 1 << 14;

    /** Where value i of an input of n values is stored in the format (values after the last whole run stay in place). */
    private static int position(Format format, int i, int n) {
        return i >= n - n % format.run ? i : i - i % format.run + format.position(i % format.run);
    }

    private static void quantize(Format format, float[] x, int n, short[] values, float[] scales, int[] sums) {
        for (int b = 0; b < n / format.block; b++) {
            if (format.block == 256) q8_K(x, b * 256, values, scales, b);
            else q8_0(x, b * 32, values, scales, b);
        }
        if (format == Format.Q8_K) {
            for (int c = 0; c < n / 32; c++) {
                int s = 0;
                for (int i = c * 32; i < c * 32 + 32; i++) s += values[i];
                sums[c] = s;
            }
        }
        if (format != Format.Q8_0 && format != Format.Q8_K) {
            short[] run = new short[format.run];
            for (int at = 0; at + format.run <= n; at += format.run) {
                System.arraycopy(values, at, run, 0, format.run);
                for (int j = 0; j < format.run; j++) values[at + format.position(j)] = run[j];
            }
        }
    }

    private static void q8_0(float[] x, int at, short[] values, float[] scales, int block) {
        float amax = 0;
        for (int i = at; i < at + 32; i++) amax = Math.max(amax, Math.abs(x[i]));
        float id = amax != 0 ? 127f / amax : 0;
        for (int i = at; i < at + 32; i++) values[i] = (short) Math.rint(x[i] * id);
        scales[block] = Float.float16ToFloat(Float.floatToFloat16(amax / 127f));
    }

    private static void q8_K(float[] x, int at, short[] values, float[] scales, int block) {
        float amax = 0;
        float max = 0;
        for (int i = at; i < at + 256; i++) {
            float ax = Math.abs(x[i]);
            if (ax > amax) {
                amax = ax;
                max = x[i];
            }
        }
        if (amax == 0) {
            for (int i = at; i < at + 256; i++) values[i] = 0;
            scales[block] = 0;
            return;
        }
        float iscale = -127f / max;
        for (int i = at; i < at + 256; i++) values[i] = (short) Math.min(127, (int) Math.rint(iscale * x[i]));
        scales[block] = 1 / iscale;
    }
}
