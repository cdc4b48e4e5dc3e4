package dev.jack.llm.engine;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The layout Jack gives a block-quantized tensor when the file is opened ({@link Rows#repackedLayout}: BlockQ8_0's
 * and BlockQ4_0's blocks, BlockQ4_K's and BlockQ6_K's super-blocks): first every block's values ({@code valueBytes}
 * each), then every block's scales ({@code scaleBytes} each; none for Q8_0 and Q4_0), then every block's d (and dmin),
 * so that a row's values, scales and d's each lie in one run of memory.
 *
 * @param fileBytes  a block's bytes in the file (ggml's block_q8_0: 34, block_q4_0: 18, block_q4_K: 144, block_q6_K: 210)
 * @param bytes      a block's bytes repacked, all three parts
 * @param valueBytes a block's bytes of values repacked
 * @param scaleBytes a block's bytes of scales (and minimums) repacked, 0 where it has none
 */
record RepackedLayout(int fileBytes, int bytes, int valueBytes, int scaleBytes) {
    /** A tensor's bytes repacked, for its {@code fileTensorBytes} in the file (a whole number of blocks). */
    long repackedBytes(long fileTensorBytes) {
        return fileTensorBytes / fileBytes * bytes;
    }

    /** Where a repacked tensor's scales begin in its memory {@code data} (the whole tensor): after all its values. */
    long scales(MemorySegment data) {
        return data.byteSize() / bytes * valueBytes;
    }

    /** Where a repacked tensor's d values begin in its memory {@code data} (the whole tensor): after all its scales. */
    long ds(MemorySegment data) {
        return data.byteSize() / bytes * (valueBytes + scaleBytes);
    }

    /** What repacking does with one block: its bytes in the file (an array reused for the next) and its index k. */
    interface BlockAction {
        void accept(byte[] block, long k);
    }

    /**
     * Runs {@code action} on blocks {@code firstBlock..} of a tensor, the file's ones (a whole number of them) in
     * {@code blocks}, each copied out of the file's memory once, into one array.
     */
    void eachFileBlock(MemorySegment blocks, long firstBlock, BlockAction action) {
        byte[] block = new byte[fileBytes];
        for (long i = 0; i < blocks.byteSize() / fileBytes; i++) {
            MemorySegment.copy(blocks, ValueLayout.JAVA_BYTE, fileBytes * i, block, 0, fileBytes);
            action.accept(block, firstBlock + i);
        }
    }
}
