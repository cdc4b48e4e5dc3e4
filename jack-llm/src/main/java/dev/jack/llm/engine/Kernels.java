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
        float sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
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
            for (int o = task * ROWS_PER_TASK, end = Math.min(out, o + ROWS_PER_TASK); o < end; o++) {
                // One input and Q8_0: straight from the file. Otherwise the row is decoded once (into a
                // cache-resident buffer) and multiplied with every input.
                if (count == 1 && w.type() == GgmlType.Q8_0) {
                    ys[0][o] = dotQ8(w.data(), (long) o * (in / 32) * 34, xs[0], in);
                    continue;
                }
                if (w.type() == GgmlType.Q8_0) decodeQ8(w.data(), (long) o * (in / 32) * 34, row, in);
                else Dequant.row(w.type(), w.data(), (long) o * in, in, row);
                for (int b = 0; b < count; b++) ys[b][o] = dot(row, xs[b], in);
            }
        });
    }

    /** Q8_0 blocks: an f16 scale and 32 signed bytes, widened to floats eight at a time; one sum per block. */
    private static float dotQ8(MemorySegment s, long offset, float[] x, int n) {
        float sum = 0;
        for (int block = 0; block < n / 32; block++) {
            long at = offset + block * 34L;
            FloatVector acc = FloatVector.zero(F);
            for (int j = 0; j < 32; j += 8) acc = q8(s, at + 2 + j).fma(FloatVector.fromArray(F, x, block * 32 + j), acc);
            sum += Float.float16ToFloat(s.get(SHORT_LE, at)) * acc.reduceLanes(VectorOperators.ADD);
        }
        return sum;
    }

    /** Decodes a Q8_0 row into floats with vector widening, for multiplying with several inputs. */
    private static void decodeQ8(MemorySegment s, long offset, float[] row, int n) {
        for (int block = 0; block < n / 32; block++) {
            long at = offset + block * 34L;
            float d = Float.float16ToFloat(s.get(SHORT_LE, at));
            for (int j = 0; j < 32; j += 8) q8(s, at + 2 + j).mul(d).intoArray(row, block * 32 + j);
        }
    }

    private static FloatVector q8(MemorySegment s, long at) {
        return (FloatVector) ByteVector.fromMemorySegment(B8, s, at, LE).convertShape(VectorOperators.B2F, F, 0);
    }
}
