package dev.jack.llm.engine;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * F32, F16 and BF16 rows: decoded to floats and multiplied in float ({@link Gemm}) with unrounded activations.
 * (llama.cpp rounds activations to F16/BF16 for such weights; Jack keeps them exact, which the shared README's
 * check A holds it to.)
 */
enum FloatRows implements Rows {
    F32 {
        @Override
        public void decode(MemorySegment data, long first, int n, float[] out, int at) {
            MemorySegment.copy(data, FLOAT_LE, first * 4, out, at, n);
        }
    },
    F16 {
        @Override
        public void decode(MemorySegment data, long first, int n, float[] out, int at) {
            for (int i = 0; i < n; i++) out[at + i] = Float.float16ToFloat(data.get(SHORT_LE, (first + i) * 2));
        }
    },
    BF16 {
        @Override
        public void decode(MemorySegment data, long first, int n, float[] out, int at) {
            for (int i = 0; i < n; i++) out[at + i] = Float.intBitsToFloat((data.get(SHORT_LE, (first + i) * 2) & 0xffff) << 16);
        }
    };

    static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static FloatRows of(GgmlType type) {
        return valueOf(type.name());
    }
}
