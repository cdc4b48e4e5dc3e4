package dev.jack.llm.engine;

import java.lang.foreign.MemorySegment;

/**
 * The rows of a matrix of one ggml type: how they decode to floats. Rows are {@code in} elements long (ggml's
 * {@code ne0}); element {@code first} of a tensor is element {@code first % in} of row {@code first / in}.
 */
sealed interface Rows permits FloatRows, QuantizedRows {
    /**
     * Writes {@code n} elements, starting at element {@code first} of the tensor, to {@code out[at, at + n)}, as ggml's
     * {@code dequantize_row_*} does. {@code first} and {@code n} are whole blocks.
     */
    void decode(MemorySegment data, long first, int n, float[] out, int at);
}
