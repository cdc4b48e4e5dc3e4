package dev.jack.llm.engine;

/** ggml tensor types: block sizes and byte sizes of the ones Jack reads. */
public final class GgmlType {
    private GgmlType() {}

    public static final int F32 = 0;
    public static final int F16 = 1;
    public static final int Q4_0 = 2;
    public static final int Q8_0 = 8;
    public static final int Q4_K = 12;
    public static final int Q6_K = 14;
    public static final int BF16 = 30;

    public static String name(int type) {
        return switch (type) {
            case F32 -> "F32";
            case F16 -> "F16";
            case Q4_0 -> "Q4_0";
            case Q8_0 -> "Q8_0";
            case Q4_K -> "Q4_K";
            case Q6_K -> "Q6_K";
            case BF16 -> "BF16";
            default -> "type " + type;
        };
    }

    /** Bytes for this many elements; an unsupported type is an error naming what carries it. */
    static long bytes(int type, long elements, String where) {
        long[] blockAndBytes = switch (type) {
            case F32 -> new long[] {1, 4};
            case F16, BF16 -> new long[] {1, 2};
            case Q4_0 -> new long[] {32, 18};
            case Q8_0 -> new long[] {32, 34};
            case Q4_K -> new long[] {256, 144};
            case Q6_K -> new long[] {256, 210};
            default -> throw new GgufFile.FormatException(where + " has tensor type " + name(type)
                    + ", which Jack does not support (F32, F16, BF16, Q8_0, Q4_0, Q4_K and Q6_K are)");
        };
        if (elements % blockAndBytes[0] != 0) throw new GgufFile.FormatException(where + ": " + elements + " elements is not a whole number of " + name(type) + " blocks");
        return elements / blockAndBytes[0] * blockAndBytes[1];
    }
}
