package dev.jack.llm.engine;

import java.lang.foreign.MemorySegment;

/**
 * Rows of a block-quantized type, multiplied with activations quantized to 8-bit blocks as llama.cpp's CPU
 * backend does: each weight block's integer products with the activation block are summed exactly (in integer
 * lanes, or in float lanes where every partial sum is an integer below 2^24) and scaled once. That is what makes
 * Jack's logprobs on quantized models match llama.cpp's, and it is the decode path: a row is read straight from
 * the tensor's memory (the mapped file, or the repacked copy {@link GgufFile} made of it) and multiplied with every
 * sequence of the batch.
 */
sealed interface QuantizedRows extends Rows permits BlockQ8_0, BlockQ4_0, BlockQ4_K, BlockQ6_K {
    /**
     * The 8-bit blocks the activations take for a product of these rows with {@code count} inputs (llama.cpp's
     * {@code vec_dot_type}; the order of the values within a block may differ with {@code count} and with
     * {@link BlockQ8_0#WIDE}, for the lanes of the kernel that takes them).
     */
    Activations.Format activations(int count);

    /**
     * {@code ys[t][r]} = row r · input t, for rows {@code [from, to)} of a matrix with rows of {@code in} elements and
     * every input of {@code x}, which is in the format {@link #activations} gives for {@code x.count()} inputs;
     * {@code data} is the whole tensor as {@link GgufFile} holds it. Each product is the same float whatever the number
     * of inputs (the same integer sums in the same lanes, scaled and added in the same order, whether the lanes are
     * integer or float ones), so batching never changes an answer.
     */
    void dot(MemorySegment data, int in, int from, int to, Activations.Quantized x, float[][] ys);
}
