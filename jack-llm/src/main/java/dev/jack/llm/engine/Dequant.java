package dev.jack.llm.engine;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Turns rows of ggml tensors into floats: F32, F16, BF16, Q8_0, Q4_0, Q4_K and Q6_K, as ggml dequantizes them. */
final class Dequant {
    private Dequant() {}

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static float f16(MemorySegment s, long at) {
        return Float.float16ToFloat(s.get(I16, at));
    }

    private static int u8(MemorySegment s, long at) {
        return s.get(ValueLayout.JAVA_BYTE, at) & 0xff;
    }

    /** Writes elements [first, first + n) of the tensor (n a multiple of the block size) into out. */
    static void row(int type, MemorySegment data, long first, int n, float[] out) {
        switch (type) {
            case GgmlType.F32 -> MemorySegment.copy(data, F32, first * 4, out, 0, n);
            case GgmlType.F16 -> {
                for (int i = 0; i < n; i++) out[i] = f16(data, (first + i) * 2);
            }
            case GgmlType.BF16 -> {
                for (int i = 0; i < n; i++) out[i] = Float.intBitsToFloat((data.get(I16, (first + i) * 2) & 0xffff) << 16);
            }
            case GgmlType.Q8_0 -> {
                for (int b = 0; b < n / 32; b++) {
                    long at = (first / 32 + b) * 34;
                    float d = f16(data, at);
                    for (int j = 0; j < 32; j++) out[b * 32 + j] = d * data.get(ValueLayout.JAVA_BYTE, at + 2 + j);
                }
            }
            case GgmlType.Q4_0 -> {
                for (int b = 0; b < n / 32; b++) {
                    long at = (first / 32 + b) * 18;
                    float d = f16(data, at);
                    for (int j = 0; j < 16; j++) {
                        int q = u8(data, at + 2 + j);
                        out[b * 32 + j] = ((q & 0xf) - 8) * d;
                        out[b * 32 + 16 + j] = ((q >> 4) - 8) * d;
                    }
                }
            }
            case GgmlType.Q4_K -> q4k(data, first, n, out);
            case GgmlType.Q6_K -> {
                for (int b = 0; b < n / 256; b++) {
                    long at = (first / 256 + b) * 210;
                    long ql = at;
                    long qh = at + 128;
                    long sc = at + 192;
                    float d = f16(data, at + 208);
                    int y = b * 256;
                    for (int half = 0; half < 2; half++) {
                        for (int l = 0; l < 32; l++) {
                            int is = l / 16;
                            int h = u8(data, qh + l);
                            int q1 = ((u8(data, ql + l) & 0xf) | ((h & 3) << 4)) - 32;
                            int q2 = ((u8(data, ql + l + 32) & 0xf) | (((h >> 2) & 3) << 4)) - 32;
                            int q3 = ((u8(data, ql + l) >> 4) | (((h >> 4) & 3) << 4)) - 32;
                            int q4 = ((u8(data, ql + l + 32) >> 4) | (((h >> 6) & 3) << 4)) - 32;
                            out[y + l] = d * data.get(ValueLayout.JAVA_BYTE, sc + is) * q1;
                            out[y + l + 32] = d * data.get(ValueLayout.JAVA_BYTE, sc + is + 2) * q2;
                            out[y + l + 64] = d * data.get(ValueLayout.JAVA_BYTE, sc + is + 4) * q3;
                            out[y + l + 96] = d * data.get(ValueLayout.JAVA_BYTE, sc + is + 6) * q4;
                        }
                        y += 128;
                        ql += 64;
                        qh += 32;
                        sc += 8;
                    }
                }
            }
            default -> throw new GgufFile.FormatException("tensor type " + GgmlType.name(type) + " is not supported");
        }
    }

    /**
     * Q4_K super-blocks: f16 d and dmin, twelve bytes of 6-bit scales and minimums, 128 bytes of 4-bit values.
     * Each block is copied into an array first: one bulk copy is cheaper than 144 checked segment reads.
     */
    private static void q4k(MemorySegment data, long first, int n, float[] out) {
        byte[] block = new byte[144];
        for (int b = 0; b < n / 256; b++) {
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, (first / 256 + b) * 144, block, 0, 144);
            float d = Float.float16ToFloat((short) ((block[0] & 0xff) | block[1] << 8));
            float min = Float.float16ToFloat((short) ((block[2] & 0xff) | block[3] << 8));
            int y = b * 256;
            for (int j = 0, is = 0, q = 16; j < 256; j += 64, is += 2, q += 32, y += 64) {
                float d1 = d * q4kScale(block, 0, is);
                float m1 = min * q4kMinimum(block, 0, is);
                float d2 = d * q4kScale(block, 0, is + 1);
                float m2 = min * q4kMinimum(block, 0, is + 1);
                for (int l = 0; l < 32; l++) {
                    int v = block[q + l] & 0xff;
                    out[y + l] = d1 * (v & 0xf) - m1;
                    out[y + 32 + l] = d2 * (v >> 4) - m2;
                }
            }
        }
    }

    /** The 6-bit scale j of the Q4_K block at {@code at} (its 12 scale bytes start at byte 4). */
    static int q4kScale(byte[] raw, int at, int j) {
        int s = at + 4;
        return j < 4 ? raw[s + j] & 63 : (raw[s + j + 4] & 0xf) | (((raw[s + j - 4] & 0xff) >> 6) << 4);
    }

    /** The 6-bit minimum j of the Q4_K block at {@code at}. */
    static int q4kMinimum(byte[] raw, int at, int j) {
        int s = at + 4;
        return j < 4 ? raw[s + j + 4] & 63 : ((raw[s + j + 4] & 0xff) >> 4) | (((raw[s + j] & 0xff) >> 6) << 4);
    }
}
