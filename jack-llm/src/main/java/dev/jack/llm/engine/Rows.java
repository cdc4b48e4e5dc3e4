package dev.jack.llm.engine;

import java.lang.foreign.MemorySegment;

/**
 * The rows of a matrix of one ggml type: how they decode to floats. Rows are {@code in} elements long (ggml's
 * {@code ne0}); element {@code first} of a tensor is element {@code first % in} of row {@code first / in}.
 */
sealed interface Rows permits FloatRows, QuantizedRows {
    /**
     * Writes {@code n} elements, starting at element {@code first} of the tensor, to {@code out[at, at + n)}, as ggml's
     * {@code dequantize_row_*} does. {@code first} and {@code n} are whole blocks; {@code data} is the whole tensor as
     * {@link GgufFile} holds it (for a type that {@link #repacks}, its repacked memory, never a slice of it).
     */
    void decode(MemorySegment data, long first, int n, float[] out, int at);

    /**
     * The layout of its own in which this type's {@link #decode} and products read its tensors, which {@link #repack}
     * makes (for the reason ggml-cpu's {@code repack.cpp} lays weights out anew: fewer instructions per block in its
     * kernels); null for a type that reads the file's layout. {@link GgufFile} reads a tensor of a type with such a
     * layout into memory of its own instead of mapping it.
     */
    default RepackedLayout repackedLayout() {
        return null;
    }

    /** Whether this type has a {@link #repackedLayout}. */
    default boolean repacks() {
        return repackedLayout() != null;
    }

    /** The bytes {@link #repack} lays a tensor of {@code bytes} bytes in the file out in (a whole number of blocks). */
    default long repackedBytes(long bytes) {
        return repacks() ? repackedLayout().repackedBytes(bytes) : bytes;
    }

    /**
     * Lays blocks {@code firstBlock..} of a tensor, as the file holds them in {@code blocks} (a whole number of them),
     * out in {@code into}: the whole tensor's memory ({@link #repackedBytes}), in this type's layout. Only for a type that
     * {@link #repacks}; every block is laid out once, before any other call reads the tensor.
     */
    default void repack(MemorySegment blocks, long firstBlock, MemorySegment into) {
        throw new UnsupportedOperationException(this + " keeps the file's layout");
    }
}
