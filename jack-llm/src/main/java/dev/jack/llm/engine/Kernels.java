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
    static final long PARALLEL_THRESHOLD = 1 << 18;

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
        int type = w.type();
        boolean kQuant = type == GgmlType.Q4_K || type == GgmlType.Q6_K;
        long rowBytes = kQuant ? (long) in / 256 * (type == GgmlType.Q4_K ? 144 : 210) : 0;
        // Q4_K subtracts a minimum per 32 values: the inputs' sums over each 32 are the same for every row.
        float[][] sums = type == GgmlType.Q4_K ? chunkSums(xs, count, in) : null;
        int tasks = (out + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        IntStream range = IntStream.range(0, tasks);
        if ((long) in * out * count >= PARALLEL_THRESHOLD) range = range.parallel();
        range.forEach(task -> {
            float[] row = new float[in];
            float[] scales = new float[in / 16];
            float[] minimums = new float[in / 32];
            byte[] raw = new byte[(int) rowBytes];
            for (int o = task * ROWS_PER_TASK, end = Math.min(out, o + ROWS_PER_TASK); o < end; o++) {
                // One Q8_0 input reads the row straight from the file, one Q4_K input from a copy of the row's
                // bytes; a batch widens the row once (values and scales apart) and then does the same arithmetic
                // per input; Q6_K rows are always widened, other types decoded once. Either way an output does not
                // depend on the batch it was computed in, so batching never changes an answer.
                if (type == GgmlType.Q8_0 && count == 1) {
                    ys[0][o] = dotQ8(w.data(), (long) o * (in / 32) * 34, xs[0], in);
                } else if (type == GgmlType.Q8_0) {
                    widenQ8(w.data(), (long) o * (in / 32) * 34, row, scales, in);
                    for (int b = 0; b < count; b++) ys[b][o] = dotQ8(row, scales, xs[b], in);
                } else if (kQuant) {
                    MemorySegment.copy(w.data(), ValueLayout.JAVA_BYTE, o * rowBytes, raw, 0, raw.length);
                    if (type == GgmlType.Q4_K && count == 1) {
                        ys[0][o] = dotQ4K(raw, xs[0], sums[0], in);
                    } else if (type == GgmlType.Q4_K) {
                        widenQ4K(raw, row, scales, minimums, in);
                        for (int b = 0; b < count; b++) ys[b][o] = dotQ4K(row, scales, minimums, xs[b], sums[b], in);
                    } else {
                        widenQ6K(raw, row, scales, in);
                        for (int b = 0; b < count; b++) ys[b][o] = dotQ6K(row, scales, xs[b], in);
                    }
                } else {
                    Dequant.row(type, w.data(), (long) o * in, in, row);
                    for (int b = 0; b < count; b++) ys[b][o] = dot(row, xs[b], in);
                }
            }
        });
    }

    private static float[][] chunkSums(float[][] xs, int count, int n) {
        float[][] sums = new float[count][n / 32];
        for (int b = 0; b < count; b++) {
            for (int c = 0; c < n / 32; c++) {
                float s = 0;
                for (int i = c * 32; i < c * 32 + 32; i++) s += xs[b][i];
                sums[b][c] = s;
            }
        }
        return sums;
    }

    /**
     * Widens a Q4_K row (super-blocks of f16 d and dmin, 12 bytes of 6-bit scales and minimums, 128 bytes of 4-bit
     * values): the 4-bit values as floats, and per 32 values d·scale and dmin·minimum.
     */
    private static void widenQ4K(byte[] raw, float[] values, float[] scales, float[] minimums, int n) {
        for (int block = 0; block < n / 256; block++) {
            int at = block * 144;
            float d = Float.float16ToFloat((short) ((raw[at] & 0xff) | raw[at + 1] << 8));
            float dmin = Float.float16ToFloat((short) ((raw[at + 2] & 0xff) | raw[at + 3] << 8));
            for (int j = 0; j < 4; j++) {
                int sub = block * 8 + 2 * j;
                // Eight bytes at a time, each converted whole: converting the upper parts of a wider vector is slower.
                int v = sub * 32;
                for (int k = 0; k < 32; k += 8) {
                    ByteVector q = ByteVector.fromArray(B8, raw, at + 16 + 32 * j + k);
                    ((FloatVector) q.and((byte) 0x0F).convertShape(VectorOperators.B2F, F, 0)).intoArray(values, v + k);
                    ((FloatVector) q.lanewise(VectorOperators.LSHR, 4).convertShape(VectorOperators.B2F, F, 0)).intoArray(values, v + 32 + k);
                }
                scales[sub] = d * Dequant.q4kScale(raw, at, 2 * j);
                scales[sub + 1] = d * Dequant.q4kScale(raw, at, 2 * j + 1);
                minimums[sub] = dmin * Dequant.q4kMinimum(raw, at, 2 * j);
                minimums[sub + 1] = dmin * Dequant.q4kMinimum(raw, at, 2 * j + 1);
            }
        }
    }

    /**
     * One input against a Q4_K row straight from its bytes: the operations of the widened
     * {@link #dotQ4K(float[], float[], float[], float[], float[], int)} in the same order, so the same result bit for bit.
     */
    private static float dotQ4K(byte[] raw, float[] x, float[] sums, int n) {
        FloatVector acc = FloatVector.zero(F);
        float subtracted = 0;
        for (int block = 0; block < n / 256; block++) {
            int at = block * 144;
            float d = Float.float16ToFloat((short) ((raw[at] & 0xff) | raw[at + 1] << 8));
            float dmin = Float.float16ToFloat((short) ((raw[at + 2] & 0xff) | raw[at + 3] << 8));
            for (int sub = 0; sub < 8; sub++) {
                int q = at + 16 + 32 * (sub / 2);
                int base = block * 256 + 32 * sub;
                // Low halves for even sub-blocks, high halves for odd ones; constant shifts compile to simpler code.
                ByteVector b0 = ByteVector.fromArray(B8, raw, q);
                ByteVector b1 = ByteVector.fromArray(B8, raw, q + 8);
                ByteVector b2 = ByteVector.fromArray(B8, raw, q + 16);
                ByteVector b3 = ByteVector.fromArray(B8, raw, q + 24);
                if (sub % 2 == 1) {
                    b0 = b0.lanewise(VectorOperators.LSHR, 4);
                    b1 = b1.lanewise(VectorOperators.LSHR, 4);
                    b2 = b2.lanewise(VectorOperators.LSHR, 4);
                    b3 = b3.lanewise(VectorOperators.LSHR, 4);
                }
                FloatVector products = ((FloatVector) b0.and((byte) 0x0F).convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.fromArray(F, x, base));
                products = ((FloatVector) b1.and((byte) 0x0F).convertShape(VectorOperators.B2F, F, 0)).fma(FloatVector.fromArray(F, x, base + 8), products);
                products = ((FloatVector) b2.and((byte) 0x0F).convertShape(VectorOperators.B2F, F, 0)).fma(FloatVector.fromArray(F, x, base + 16), products);
                products = ((FloatVector) b3.and((byte) 0x0F).convertShape(VectorOperators.B2F, F, 0)).fma(FloatVector.fromArray(F, x, base + 24), products);
                acc = products.fma(FloatVector.broadcast(F, d * Dequant.q4kScale(raw, at, sub)), acc);
                subtracted += dmin * Dequant.q4kMinimum(raw, at, sub) * sums[base / 32];
            }
        }
        return lanes(acc) - subtracted;
    }

    /** A widened Q4_K row against x: per 32 values, scale·Σ q·x − minimum·Σ x, with Σ x precomputed. */
    private static float dotQ4K(float[] values, float[] scales, float[] minimums, float[] x, float[] sums, int n) {
        // The scaled part is a widened Q8_0 product (a scale per 32 values).
        float subtracted = 0;
        for (int sub = 0; sub < n / 32; sub++) subtracted += minimums[sub] * sums[sub];
        return dotQ8(values, scales, x, n) - subtracted;
    }

    /**
     * Widens a Q6_K row (super-blocks of 128 bytes of low 4 bits, 64 of high 2 bits, 16 signed 8-bit scales, f16 d):
     * the 6-bit values minus 32 as floats, and per 16 values d·scale.
     */
    private static void widenQ6K(byte[] raw, float[] values, float[] scales, int n) {
        for (int block = 0; block < n / 256; block++) {
            int at = block * 210;
            float d = Float.float16ToFloat((short) ((raw[at + 208] & 0xff) | raw[at + 209] << 8));
            for (int half = 0; half < 2; half++) {
                int ql = at + 64 * half;
                int qh = at + 128 + 32 * half;
                int base = block * 256 + 128 * half;
                // Eight bytes at a time with constant shifts: the forms the JIT compiles to plain vector code.
                for (int l = 0; l < 32; l += 8) {
                    ByteVector l0 = ByteVector.fromArray(B8, raw, ql + l);
                    ByteVector l1 = ByteVector.fromArray(B8, raw, ql + 32 + l);
                    ByteVector h = ByteVector.fromArray(B8, raw, qh + l);
                    ByteVector q1 = l0.and((byte) 0x0F).or(h.and((byte) 3).lanewise(VectorOperators.LSHL, 4)).sub((byte) 32);
                    ByteVector q2 = l1.and((byte) 0x0F).or(h.lanewise(VectorOperators.LSHR, 2).and((byte) 3).lanewise(VectorOperators.LSHL, 4)).sub((byte) 32);
                    ByteVector q3 = l0.lanewise(VectorOperators.LSHR, 4).or(h.lanewise(VectorOperators.LSHR, 4).and((byte) 3).lanewise(VectorOperators.LSHL, 4)).sub((byte) 32);
                    ByteVector q4 = l1.lanewise(VectorOperators.LSHR, 4).or(h.lanewise(VectorOperators.LSHR, 6).lanewise(VectorOperators.LSHL, 4)).sub((byte) 32);
                    ((FloatVector) q1.convertShape(VectorOperators.B2F, F, 0)).intoArray(values, base + l);
                    ((FloatVector) q2.convertShape(VectorOperators.B2F, F, 0)).intoArray(values, base + 32 + l);
                    ((FloatVector) q3.convertShape(VectorOperators.B2F, F, 0)).intoArray(values, base + 64 + l);
                    ((FloatVector) q4.convertShape(VectorOperators.B2F, F, 0)).intoArray(values, base + 96 + l);
                }
                for (int k = 0; k < 8; k++) scales[base / 16 + k] = d * raw[at + 192 + 8 * half + k];
            }
        }
    }

    /** A widened Q6_K row against x: per 16 values, scale·Σ q·x. */
    private static float dotQ6K(float[] values, float[] scales, float[] x, int n) {
        FloatVector acc = FloatVector.zero(F);
        for (int c = 0; c < n / 16; c++) {
            int base = c * 16;
            FloatVector products = FloatVector.fromArray(F, values, base).mul(FloatVector.fromArray(F, x, base));
            products = FloatVector.fromArray(F, values, base + 8).fma(FloatVector.fromArray(F, x, base + 8), products);
            acc = products.fma(FloatVector.broadcast(F, scales[c]), acc);
        }
        return lanes(acc);
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
