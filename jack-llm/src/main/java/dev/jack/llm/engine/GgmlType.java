package dev.jack.llm.engine;

/**
 * The ggml tensor types Jack reads: their GGUF type ids, block sizes (elements per block) and block sizes in bytes,
 * as ggml's {@code type_traits} table gives them, and the rows class that decodes and multiplies each.
 */
public enum GgmlType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 18),
    Q8_0(8, 32, 34),
    Q4_K(12, 256, 144),
    Q6_K(14, 256, 210),
    BF16(30, 1, 2);

    private final int id;
    private final int blockSize;
    private final int blockBytes;

    GgmlType(int id, int blockSize, int blockBytes) {
        this.id = id;
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
    }

    /** The type id GGUF files store (ggml's {@code enum ggml_type}). */
    public int id() {
        return id;
    }

    /** Elements per block: 1 for F32, F16 and BF16, 32 for Q8_0 and Q4_0, 256 for the K-quants. */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes per block. */
    public int blockBytes() {
        return blockBytes;
    }

    /**
     * The type with this GGUF id.
     *
     * @throws GgufFile.FormatException naming {@code where} for a type Jack does not read
     */
    public static GgmlType of(int id, String where) {
        for (GgmlType t : values()) if (t.id == id) return t;
        throw new GgufFile.FormatException(where + " has tensor type " + id
                + ", which Jack does not support (F32, F16, BF16, Q8_0, Q4_0, Q4_K and Q6_K are)");
    }

    /**
     * Bytes holding this many elements.
     *
     * @throws GgufFile.FormatException naming {@code where} when the elements are not whole blocks
     */
    public long bytes(long elements, String where) {
        if (elements % blockSize != 0) throw new GgufFile.FormatException(where + ": " + elements + " elements is not a whole number of " + this + " blocks");
        return elements / blockSize * blockBytes;
    }

    /** Decoding and products for rows of this type. */
    Rows rows() {
        return switch (this) {
            case F32, F16, BF16 -> FloatRows.of(this);
            case Q8_0 -> BlockQ8_0.ROWS;
            case Q4_0 -> BlockQ4_0.ROWS;
            case Q4_K -> BlockQ4_K.ROWS;
            case Q6_K -> BlockQ6_K.ROWS;
        };
    }
}
