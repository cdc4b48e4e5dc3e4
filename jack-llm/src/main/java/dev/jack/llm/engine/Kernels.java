package dev.jack.llm.engine;

import java.util.List;

/**
 * Matrix products of the forward pass, split by rows over {@link Workers}. Two paths, as llama.cpp has:
 * <ul>
 *   <li>decode (a new token of each of several sequences): quantized weights are multiplied with the activations'
 *       8-bit blocks in exact integer sums, straight from the tensor's memory (the mapped file, or a repacked copy;
 *       {@link QuantizedRows}, llama.cpp's {@code ggml_vec_dot_*}), each row read once for the whole batch;</li>
 *   <li>prompt processing (positions of a prompt): rows are decoded to floats once and multiplied with the
 *       activations rounded to the same 8-bit blocks in register tiles ({@link Gemm}, llama.cpp's
 *       {@code tinyBLAS} and repacked GEMMs), which does far more work per weight loaded.</li>
 * </ul>
 * Both round the activations as llama.cpp does; they differ only in float rounding (about 1e-6 relative), and
 * each computes a product the same way whatever else is in the batch. F32, F16 and BF16 weights always take the
 * float path (their activations are not rounded).
 */
final class Kernels {
    private Kernels() {}

    /**
     * Rows per task on the decode path: enough to amortize taking a task and restarting the rows' memory streams, few
     * enough to balance the cores. With the 512-bit single-input kernels the products of a 1B Q4_0 or Q4_K_M token are
     * bound by memory rather than by operations: on 2 threads (one JVM per build, 3 rounds taking turns, loaded cores)
     * 128 rows took the Q4_0 file's Q4_0 matrices 30–32 ms a token against 34 with 32 rows, and its Q6_K output head
     * 9.1–9.4 ms against 10.4–10.5.
     */
    static final int DECODE_ROWS = 128;
    /**
     * Floats of decoded rows per task on the float path (512 KB, at most 64 rows): each task reads all the inputs once,
     * so fewer, larger tasks read them less often (pp128 on 2 threads 4–8% faster than with 128 KB, in one JVM taking
     * turns with it, on Q8_0, Q4_K_M and Q4_0; measured end to end, not per matrix). With inputs of 2048 the rows and an
     * input group stay in a Zen 4 core's L2 (1 MB) while the inputs go by; with ffn_down's 8192 they fill it.
     */
    private static final int DECODED_FLOATS = 131_072;
    /** Below this many multiply-adds a product runs on the calling thread. */
    private static final long PARALLEL_WORK = 1 << 18;

    /**
     * {@code ys.get(m)[t] = ws.get(m) · x[t]} for every matrix m (all with rows of {@code x.n()} elements, the
     * output rows as long as {@code ws.get(m)}'s second dimension) and every input t, in one parallel step.
     *
     * @param prompt the inputs are prompt positions: the float path
     */
    static void matmul(Workers workers, List<GgufFile.Tensor> ws, Activations x, List<float[][]> ys, boolean prompt) {
        int n = x.n();
        int count = x.count();
        int matrices = ws.size();
        int[] firstTask = new int[matrices + 1];
        int[] rowsPerTask = new int[matrices];
        Object[] inputs = new Object[matrices];
        long work = 0;
        for (int m = 0; m < matrices; m++) {
            GgufFile.Tensor w = ws.get(m);
            if (w.dims()[0] != n) throw new IllegalArgumentException(w.name() + " has rows of " + w.dims()[0] + ", the input " + n);
            int rows = (int) w.dims()[1];
            Rows kind = w.type().rows();
            if (kind instanceof QuantizedRows q && !prompt) {
                rowsPerTask[m] = DECODE_ROWS;
                inputs[m] = x.quantized(q.activations(count), workers);
            } else {
                rowsPerTask[m] = Math.clamp(DECODED_FLOATS / n / Gemm.TILE_ROWS * Gemm.TILE_ROWS, Gemm.TILE_ROWS, 64);
                inputs[m] = kind instanceof QuantizedRows q ? x.dequantized(q.activations(count), workers) : x.floats();
            }
            firstTask[m + 1] = firstTask[m] + (rows + rowsPerTask[m] - 1) / rowsPerTask[m];
            work += (long) n * rows * count;
        }
        Workers.Job job = (task, worker) -> {
            int m = 0;
            while (task >= firstTask[m + 1]) m++;
            GgufFile.Tensor w = ws.get(m);
            int rows = (int) w.dims()[1];
            int from = (task - firstTask[m]) * rowsPerTask[m];
            int to = Math.min(rows, from + rowsPerTask[m]);
            float[][] y = ys.get(m);
            if (inputs[m] instanceof Activations.Quantized q) {
                ((QuantizedRows) w.type().rows()).dot(w.data(), n, from, to, q, y);
            } else {
                float[] decoded = workers.scratch(worker, (to - from) * n);
                w.type().rows().decode(w.data(), (long) from * n, (to - from) * n, decoded, 0);
                Gemm.multiply(decoded, to - from, n, (float[][]) inputs[m], count, y, from);
            }
        };
        workers.run(firstTask[matrices], job, work >= PARALLEL_WORK);
    }
}
