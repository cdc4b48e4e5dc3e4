package dev.jack.core.json;

import dev.jack.core.Latin1;

/**
 * Finds where a run of bytes that a JSON string holds as they are ends, eight bytes at a time: for {@link Json}'s reader
 * ({@link #READ}: printable ASCII and DEL other than '"' and '\\') and {@link AsciiJson}'s writer ({@link #WRITE}: the
 * same without DEL, which {@code json.dumps} writes as {@code \u007f}).
 *
 * <p>{@code jack eval} runs with C1 alone (see the launcher), which compiles a byte loop as it is written: a table look-up
 * or three compares, with their bounds checks, per byte. Here each step reads eight bytes as one long
 * ({@link Latin1#word}) and tests all eight lanes at once with carry-free lane arithmetic (below). Measured on the
 * scans of 20,000 lines of a 54,100-row eval's responses.jsonl (runs average some 34 bytes between escapes), C1, an
 * AMD EPYC core: 23.6-24.0 ms against 38.8-40.4 ms for the table loop and 36-37 ms for compares; in the whole eval,
 * Json.bytesString fell from 10.4% of the CPU time to 6.5%.
 *
 * <p>The first word with a hit gives the byte by a multiply ({@link #LANES}), where a byte loop over the word found it
 * with up to eight table look-ups and their bounds checks at the end of every run: a pure parse of those 54,100 lines
 * (thread CPU time, C1, passes 2-8 of 5 JVMs each, taking turns on 2 loaded cores) took a median per JVM of 121-169 ms
 * with the loop and 92-150 ms with the multiply, Json's one-pass escapes in both. Dropped: the long put together from
 * eight byte reads (54-58 ms: C1 does not merge them); the lane of the first hit from
 * {@link Long#numberOfTrailingZeros} (not an intrinsic in C1: two calls); the lane test in a method of its own (C1
 * does not inline it: 42 bytes of code against its limit of 35).
 */
final class PlainBytes {
    private PlainBytes() {
    }

    /**
     * The lane of a word's lowest hit: {@code 1 << 8k} (the lowest hit's bit moved to its lane's low bit) times this
     * has k in its top byte (this constant's byte {@code 7 - k} is k).
     */
    private static final long LANES = 0x0001020304050607L;

    /** Bytes that a string read from UTF-8 holds as they are: ASCII from 0x20, other than '"' and '\\'. */
    static final boolean[] READ = table(true);
    /** Bytes that {@code json.dumps} writes as they are: {@link #READ} less DEL (0x7f). */
    static final boolean[] WRITE = table(false);

    private static boolean[] table(boolean del) {
        boolean[] plain = new boolean[256];
        for (int c = 0x20; c < 0x80; c++) plain[c] = c != '"' && c != '\\' && (del || c != 0x7f);
        return plain;
    }

    /**
     * The index of the first byte of {@code b[from, to)} that {@link #WRITE} (where {@code write}) or {@link #READ}
     * does not hold, else {@code to} ({@code from} where {@code from >= to}).
     *
     * <p>The lane test, with x the word and y = x & 0x7f.. (each lane at most 0x7f, so that no sum below carries into
     * the next lane): a lane is a hit when its high bit is set in x (0x80 and up), in y + 0x01.. for WRITE (exactly
     * 0x7f), or clear in y + 0x60.. (below 0x20), in (y ^ 0x22..) + 0x7f.. (exactly '"') or in (y ^ 0x5c..) + 0x7f..
     * (exactly '\\').
     *
     * @throws IndexOutOfBoundsException where {@code from < to} and {@code from < 0} or {@code to > b.length}
     */
    static int end(byte[] b, int from, int to, boolean write) {
        boolean[] plain = write ? WRITE : READ;
        long del = write ? Latin1.ONES : 0;  // with 0, y's own high bits are all clear: no lane is a hit for it
        int i = from;
        for (; to - i >= 8; i += 8) {
            long x = Latin1.word(b, i);
            long y = x & Latin1.LOW7;
            long clear = (y + 0x6060606060606060L) & ((y ^ 0x2222222222222222L) + Latin1.LOW7) & ((y ^ 0x5c5c5c5c5c5c5c5cL) + Latin1.LOW7);
            long hits = (x | (y + del) | ~clear) & Latin1.HIGH;
            if (hits != 0) return i + (int) (((hits & -hits) >>> 7) * LANES >>> 56);
        }
        while (i < to && plain[b[i] & 0xFF]) i++;
        return i;
    }
}
