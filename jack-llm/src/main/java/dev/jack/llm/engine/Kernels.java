package dev.jack.llm.engine;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.stream.IntStream;

/**
 * Matrix–vector products for the forward pass on the Vector API, parallel over output rows. Each weight row is
 * read once per call and multiplied with every input of the batch, so decoding several sequences together
 * costs little more memory traffic than decoding one.
 */
final class Kernels {
    private Kernels() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Byte> B8 = ByteVector.SPECIES_64;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);
    /** Rows per parallel task: large enough to amortize scheduling, small enough to balance cores. */
    private static final int ROWS_PER_TASK = 32;
    /** Below this many multiply-adds a product runs on the calling thread. */
    private static final long PARALLEL_THRESHOLD = 1 << 18;

    /** Four accumulators: one fma chain would wait on the fma latency at every step. */
    static float dot(float[] a, float[] b, int n) {
        int i = 0;
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        int step = F.length();
        for (int bound = n - n % (4 * step); i < bound; i += 4 * step) {
            acc0 = FloatVector.fromArray(F, a, i).fma(FloatVector.fromArray(F, b, i), acc0);
            acc1 = FloatVector.fromArray(F, a, i + step).fma(FloatVector.fromArray(F, b, i + step), acc1);
            acc2 = FloatVector.fromArray(F, a, i + 2 * step).fma(FloatVector.fromArray(F, b, i + 2 * step), acc2);
            acc3 = FloatVector.fromArray(F, a, i + 3 * step).fma(FloatVector.fromArray(F, b, i + 3 * step), acc3);
        }
        for (int bound = F.loopBound(n); i < bound; i += step) {
            acc0 = FloatVector.fromArray(F, a, i).fma(FloatVector.fromArray(F, b, i), acc0);
        }
        float sum = lanes(acc0.add(acc1).add(acc2.add(acc3)));
        for (; i < n; i++) sum += a[i] * b[i];
        return sum;
    }

    /** ys[b] = W xs[b] for the first count inputs; W has dims [in, out] (rows of in elements). */
    static void matmul(GgufFile.Tensor w, float[][] xs, float[][] ys, int count) {
        int in = (int) w.dims()[0];
        int out = (int) w.dims()[1];
        int tasks = (out + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        IntStream range = IntStream.range(0, tasks);
        if ((long) in * out * count >= PARALLEL_THRESHOLD) range = range.parallel();
        range.forEach(task -> {
            float[] row = new float[in];
            float[] scales = new float[in / 32];
            for (int o = task * ROWS_PER_TASK, end = Math.min(out, o + ROWS_PER_TASK); o < end; o++) {
                // One Q8_0 input reads the row straight from the file; a batch widens it once and then does
                // the same arithmetic per input; other types are decoded once into a buffer. Either way an
                // output does not depend on the batch it was computed in, so batching never changes an answer.
                if (w.type() == GgmlType.Q8_0 && count == 1) {
                    ys[0][o] = dotQ8(w.data(), (long) o * (in / 32) * 34, xs[0], in);
                } else if (w.type() == GgmlType.Q8_0) {
                    widenQ8(w.data(), (long) o * (in / 32) * 34, row, scales, in);
                    for (int b = 0; b < count; b++) ys[b][o] = dotQ8(row, scales, xs[b], in);
                } else {
                    Dequant.row(w.type(), w.data(), (long) o * in, in, row);
                    for (int b = 0; b < count; b++) ys[b][o] = dot(row, xs[b], in);
                }
            }
        });
    }

    /** Q8_0 blocks: an f16 scale and 32 signed bytes, widened to floats eight at a time. */
    private static float dotQ8(MemorySegment s, long offset, float[] x, int n) {
        FloatVector acc = FloatVector.zero(F);
        for (int block = 0; block < n / 32; block++) {
            long at = offset + block * 34L;
            int base = block * 32;
            FloatVector products = q8(s, at + 2).mul(FloatVector.fromArray(F, x, base));
            products = q8(s, at + 10).fma(FloatVector.fromArray(F, x, base + 8), products);
            products = q8(s, at + 18).fma(FloatVector.fromArray(F, x, base + 16), products);
            products = q8(s, at + 26).fma(FloatVector.fromArray(F, x, base + 24), products);
            acc = products.fma(FloatVector.broadcast(F, Float.float16ToFloat(s.get(SHORT_LE, at))), acc);
        }
        return lanes(acc);
    }

    /** Widens a Q8_0 row once (values and scales kept apart, so exactly) for multiplying with several inputs. */
    private static void widenQ8(MemorySegment s, long offset, float[] values, float[] scales, int n) {
        for (int block = 0; block < n / 32; block++) {
            long at = offset + block * 34L;
            scales[block] = Float.float16ToFloat(s.get(SHORT_LE, at));
            for (int j = 0; j < 32; j += 8) q8(s, at + 2 + j).intoArray(values, block * 32 + j);
        }
    }

    /** The same operations as {@link #dotQ8(MemorySegment, long, float[], int)} on a widened row: the same result, bit for bit. */
    private static float dotQ8(float[] values, float[] scales, float[] x, int n) {
        FloatVector acc = FloatVector.zero(F);
        for (int block = 0; block < n / 32; block++) {
            int base = block * 32;
            FloatVector products = FloatVector.fromArray(F, values, base).mul(FloatVector.fromArray(F, x, base));
            products = FloatVector.fromArray(F, values, base + 8).fma(FloatVector.fromArray(F, x, base + 8), products);
            products = FloatVector.fromArray(F, values, base + 16).fma(FloatVector.fromArray(F, x, base + 16), products);
            products = FloatVector.fromArray(F, values, base + 24).fma(FloatVector.fromArray(F, x, base + 24), products);
            acc = products.fma(FloatVector.broadcast(F, scales[block]), acc);
        }
        return lanes(acc);
    }

    /**
     * The sum of a vector's lanes in a fixed order. reduceLanes(ADD) leaves the order open, and the interpreter
     * and the JIT compiler then round differently: an answer would depend on how warm the JVM is.
     */
    private static float lanes(FloatVector v) {
        float[] a = v.toArray();
        float sum = 0;
        for (float x : a) sum += x;
        return sum;
    }

    private static FloatVector q8(MemorySegment s, long at) {
        return (FloatVector) ByteVector.fromMemorySegment(B8, s, at, LE).convertShape(VectorOperators.B2F, F, 0);
    }
}
