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
    /** Rows per parallel task: large enough to amortize scheduling, small enough to balance cores. */
    private static final int ROWS_PER_TASK = 32;
    /** Below this many multiply-adds a product runs on the calling thread. */
    private static final long PARALLEL_THRESHOLD = 1 << 18;

    static float dot(float[] a, float[] b, int n) {
        int i = 0;
        FloatVector acc = FloatVector.zero(F);
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            acc = FloatVector.fromArray(F, a, i).fma(FloatVector.fromArray(F, b, i), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
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
            float[] row = w.type() == GgmlType.Q8_0 || w.type() == GgmlType.F32 ? null : new float[in];
            for (int o = task * ROWS_PER_TASK, end = Math.min(out, o + ROWS_PER_TASK); o < end; o++) {
                switch (w.type()) {
                    case GgmlType.F32 -> {
                        for (int b = 0; b < count; b++) ys[b][o] = dotF32(w.data(), (long) o * in * 4, xs[b], in);
                    }
                    case GgmlType.Q8_0 -> {
                        for (int b = 0; b < count; b++) ys[b][o] = dotQ8(w.data(), (long) o * (in / 32) * 34, xs[b], in);
                    }
                    default -> {
                        Dequant.row(w.type(), w.data(), (long) o * in, in, row);
                        for (int b = 0; b < count; b++) ys[b][o] = dot(row, xs[b], in);
                    }
                }
            }
        });
    }

    private static float dotF32(MemorySegment s, long offset, float[] x, int n) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            acc = FloatVector.fromMemorySegment(F, s, offset + i * 4L, LE).fma(FloatVector.fromArray(F, x, i), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) sum += s.get(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE), offset + i * 4L) * x[i];
        return sum;
    }

    /** Q8_0 blocks: an f16 scale and 32 signed bytes; the bytes widen to floats eight at a time. */
    private static float dotQ8(MemorySegment s, long offset, float[] x, int n) {
        float sum = 0;
        for (int block = 0; block < n / 32; block++) {
            long at = offset + block * 34L;
            float d = Float.float16ToFloat(s.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE), at));
            FloatVector acc = FloatVector.zero(F);
            for (int j = 0; j < 32; j += 8) {
                FloatVector q = (FloatVector) ByteVector.fromMemorySegment(B8, s, at + 2 + j, LE).convertShape(VectorOperators.B2F, F, 0);
                acc = q.fma(FloatVector.fromArray(F, x, block * 32 + j), acc);
            }
            sum += d * acc.reduceLanes(VectorOperators.ADD);
        }
        return sum;
    }
}
