package dev.jack.llm.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import static dev.jack.llm.engine.BlockQ8_0.F;
import static dev.jack.llm.engine.BlockQ8_0.S;
import static dev.jack.llm.engine.BlockQ8_0.lanes;
import static dev.jack.llm.engine.BlockQ8_0.widen;

/**
 * Q6_K rows repacked at load time so that a product reads each value with one widening load: per row of {@code in}
 * values, the values less 32 as signed bytes ({@code in} bytes), then each super-block's sixteen 8-bit scales
 * ({@code in / 16} bytes), then each super-block's d as a float ({@code in / 64} bytes); 2208 bytes per row of 2048
 * where ggml's {@code block_q6_K} takes 1680 ({@code in}, a multiple of 256, is the rows' length). The values,
 * scales and d are those of the Q6_K rows exactly, and the products the same integer sums as {@link BlockQ6_K}'s
 * ({@code ggml_vec_dot_q6_K_q8_K}), in the same lanes and float steps, so a product equals BlockQ6_K's bit for bit.
 *
 * <p>Used for a Q6_K output head (Q4_K_M and Q4_0 files, where llama-quantize makes the head Q6_K): its 128k rows are
 * the largest matrix of a small model's decode step, and unpacking the 6-bit values costs BlockQ6_K more than
 * multiplying them. Read as bytes, with the loop of {@link SuperBlocks#groups16} over them, the head's single-input
 * product runs about 1.5 times as fast (kernel microbenchmark, one core: 3.7–3.9 against 5.3–5.9 G weights/s). The copy
 * is made in native memory and the file's pages of the original are then released, so a model takes about 0.3× the
 * head's size more memory (for Llama 3.2 1B, 68 MB on a 0.8 GB file), not double. Layers' Q6_K matrices stay as the
 * file has them: repacking them too would take a Q4_K_M file past 1.1× its size in memory.
 */
record RepackedQ6_K(int in) implements QuantizedRows {
    private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT_BYTES = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

    /** Bytes of one repacked row. */
    long rowBytes() {
        return in + in / 16 + in / 64;
    }

    /**
     * A Q6_K matrix repacked (its rows split over {@code workers}); the tensor's file pages are then released from
     * memory (they are read again, a row at a time, if the tensor is also the token embeddings).
     *
     * @throws IllegalArgumentException if the tensor is not Q6_K
     */
    static Kernels.Matrix repack(GgufFile.Tensor t, Workers workers) {
        if (t.type() != GgmlType.Q6_K) throw new IllegalArgumentException(t.name() + " is " + t.type() + ", not Q6_K");
        int in = (int) t.dims()[0];
        int rows = (int) t.dims()[1];
        RepackedQ6_K repacked = new RepackedQ6_K(in);
        long rowBytes = repacked.rowBytes();
        MemorySegment out = Arena.ofAuto().allocate(rowBytes * rows, 64);
        int rowsPerTask = 256;
        workers.run((rows + rowsPerTask - 1) / rowsPerTask, (task, worker) -> {
            byte[] file = new byte[in / 256 * 210];
            byte[] into = new byte[(int) rowBytes];
            for (int r = task * rowsPerTask; r < Math.min(rows, (task + 1) * rowsPerTask); r++) {
                MemorySegment.copy(t.data(), ValueLayout.JAVA_BYTE, (long) r * file.length, file, 0, file.length);
                for (int b = 0; b < in / 256; b++) repackBlock(file, b * 210, into, b * 256, in + b * 16, in + in / 16 + b * 4);
                MemorySegment.copy(into, 0, out, ValueLayout.JAVA_BYTE, r * rowBytes, into.length);
            }
        });
        if (t.data().isMapped()) t.data().unload();
        return new Kernels.Matrix(t.name(), repacked, t.dims(), out);
    }

    /**
     * One super-block from {@code file[block]} into its places in a repacked row: values at {@code values}, scales at
     * {@code scales}, d at {@code d}. Scalar, as ggml's {@code dequantize_row_q6_K} walks a super-block: it runs once per
     * model load, mostly before the JIT compiles it, where vector code would run boxed.
     */
    private static void repackBlock(byte[] file, int block, byte[] into, int values, int scales, int d) {
        for (int h = 0; h < 2; h++) {
            int ql = block + 64 * h;
            int qh = block + 128 + 32 * h;
            int at = values + 128 * h;
            for (int l = 0; l < 32; l++) {
                int high = file[qh + l];
                into[at + l] = (byte) ((file[ql + l] & 0xF | (high & 3) << 4) - 32);
                into[at + l + 32] = (byte) ((file[ql + l + 32] & 0xF | (high >> 2 & 3) << 4) - 32);
                into[at + l + 64] = (byte) ((file[ql + l] >> 4 & 0xF | (high >> 4 & 3) << 4) - 32);
                into[at + l + 96] = (byte) ((file[ql + l + 32] >> 4 & 0xF | (high >> 6 & 3) << 4) - 32);
            }
        }
        System.arraycopy(file, block + 192, into, scales, 16);
        FLOAT_BYTES.set(into, d, BlockQ8_0.f16(file, block + 208));
    }

    @Override
    public Activations.Format activations() {
        return Activations.Format.Q8_K;
    }

    @Override
    public void decode(MemorySegment data, long first, int n, float[] out, int at) {
        // value·(d·scale) per super-block, as ggml's dequantize_row_q6_K and BlockQ6_K.decode.
        for (int i = 0; i < n; i += 256) {
            long e = first + i;
            long row = e / in * rowBytes();
            int within = (int) (e % in);
            float d = data.get(FLOAT_LE, row + in + in / 16 + within / 64);
            for (int g = 0; g < 16; g++) {
                float scale = d * data.get(ValueLayout.JAVA_BYTE, row + in + within / 16 + g);
                ShortVector q = widen(data, row + within + 16 * g);
                ((FloatVector) q.convertShape(VectorOperators.S2F, F, 0)).mul(scale).intoArray(out, at + i + 16 * g);
                ((FloatVector) q.convertShape(VectorOperators.S2F, F, 1)).mul(scale).intoArray(out, at + i + 16 * g + 8);
            }
        }
    }

    @Override
    public void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys) {
        int blocks = in / 256;
        long rowBytes = rowBytes();
        byte[] scales = new byte[in / 16];
        float[] d = new float[blocks];
        SuperBlocks.Unpacked u = new SuperBlocks.Unpacked(16);
        float[] acc = new float[x.count() * 8];
        for (int r = from; r < to; r++) {
            long row = r * rowBytes;
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, row + in, scales, 0, scales.length);
            MemorySegment.copy(data, FLOAT_LE, row + in + in / 16, d, 0, blocks);
            if (x.count() == 1) {
                ys[0][r] = one(data, row, scales, d, x.values[0], x.scales[0], blocks);
                continue;
            }
            // A batch: each super-block widened once, then multiplied with every input as BlockQ6_K's batch path does.
            java.util.Arrays.fill(acc, 0);
            for (int b = 0; b < blocks; b++) {
                for (int g = 0; g < 16; g++) {
                    widen(data, row + b * 256L + 16 * g).intoArray(u.q, 16 * g);
                    u.scales[g] = scales[b * 16 + g];
                }
                for (int t = 0; t < x.count(); t++) SuperBlocks.groups16(u.q, u.scales, x.values[t], b * 256, d[b] * x.scales[t][b], acc, t * 8);
            }
            for (int t = 0; t < x.count(); t++) ys[t][r] = lanes(FloatVector.fromArray(F, acc, t * 8));
        }
    }

    /**
     * One row against one input (single-stream decode): per super-block, per group of 16, pairs of (q − 32)·x summed into 8 int lanes times
     * the group's scale, then scaled once by d·d_x ({@link SuperBlocks#groups16}'s operations, read from bytes).
     */
    private static float one(MemorySegment v, long row, byte[] scales, float[] d, short[] x, float[] xd, int blocks) {
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            IntVector sum = IntVector.zero(SuperBlocks.I);
            long at = row + b * 256L;
            for (int g = 0; g < 16; g++) {
                ShortVector q = widen(v, at + 16 * g);
                sum = sum.add(SuperBlocks.smallPairs(q.mul(ShortVector.fromArray(S, x, b * 256 + 16 * g))).mul(scales[b * 16 + g]));
            }
            acc = ((FloatVector) sum.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, d[b] * xd[b]), acc);
        }
        return lanes(acc);
    }
}
