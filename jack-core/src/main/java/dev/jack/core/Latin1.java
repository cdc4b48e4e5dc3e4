package dev.jack.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Scans over a string's chars as Latin-1 bytes, for code that runs under C1 alone ({@code jack eval}, see the launcher):
 * there String.indexOf(char) and String.charAt are plain loops of a byte or a char at a time (C2's intrinsics are not
 * C1's), and a byte array read eight bytes at a time costs less even after the copy that makes it.
 */
public final class Latin1 {
    private Latin1() {
    }

    /**
     * The class of the spliterator of a Latin-1 string's {@link String#chars}, where a string that holds a char above
     * U+00FF gives another ({@code StringLatin1.CharsSpliterator} and {@code StringUTF16.CharsSpliterator} in JDK 25);
     * null where a JDK gives the same class for both (then no string is taken for Latin-1).
     */
    private static final Class<?> LATIN1_CHARS = latin1Chars();

    private static Class<?> latin1Chars() {
        Class<?> latin1 = "a".chars().spliterator().getClass();
        return latin1 == "\u0100".chars().spliterator().getClass() ? null : latin1;
    }

    /**
     * Whether the string keeps its chars as Latin-1 bytes (as compact strings do when none is above U+00FF), which is
     * when String.getBytes(int, int, byte[], int) and {@code getBytes(ISO_8859_1)} copy them exactly: told by the class
     * of its chars' spliterator (a few small objects, some 0.2-0.4 us in C1), there being no public way to ask, while
     * finding it out from the chars would cost as much as the char loops it saves. A string that holds a char above
     * U+00FF is never taken for Latin-1.
     */
    public static boolean is(String s) {
        return LATIN1_CHARS != null && s.chars().spliterator().getClass() == LATIN1_CHARS;
    }

    /**
     * A reusable copy of one string's Latin-1 bytes, for the scans of one thread (the caller's own, or one per thread):
     * a copy per scan of a 54,100-row eval's responses was 54 MB more garbage, and with it the eval's allocation no
     * longer fit in the launcher's eden (a 0.5 s collection where there was none). The string last copied is kept, so
     * that scans of one text (one per keyword) copy it and ask {@link #is} once.
     */
    public static final class Copy {
        private String text;
        private boolean latin1;
        private byte[] bytes = new byte[0];

        /**
         * The Latin-1 bytes of {@code text} in {@code [0, text.length())} of the returned array, or null where it is
         * not Latin-1 ({@link #is}). The array is this copy's: the next call with another string overwrites it.
         */
        @SuppressWarnings("deprecation")
        public byte[] of(String text) {
            if (text != this.text) {
                int n = text.length();
                // Forgotten until the copy is made: an allocation that fails leaves no text taken for copied.
                this.text = null;
                latin1 = is(text);
                if (latin1) {
                    // Grown by doubling up to 2^20 bytes; one grown past that by a long text goes back to it.
                    if (bytes.length < n || bytes.length > 1 << 20 && n <= 1 << 20) {
                        bytes = new byte[Math.max(n, Math.min(2 * bytes.length, 1 << 20))];
                    }
                    text.getBytes(0, n, bytes, 0);  // Latin-1 chars: the deprecated getBytes copies them exactly
                }
                this.text = text;
            }
            return latin1 ? bytes : null;
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The eight bytes {@code b[i, i + 8)} as one long, {@code b[i]} its lowest byte: a
     * {@link MethodHandles#byteArrayViewVarHandle} access, which C1 inlines (this method with it) down to one bounds
     * check and one unaligned load (checked with -XX:+PrintInlining). Put together from eight byte reads, a scan of
     * words cost twice as much again under C1 (54-58 ms against 24 ms for {@code PlainBytes.end}'s benchmark).
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= i <= b.length - 8}
     */
    public static long word(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /** Each byte lane's high bit: the bit a lane test leaves set (or clear) for a hit. */
    public static final long HIGH = 0x8080808080808080L;
    /**
     * Each byte lane's low seven bits: a word masked with it has lanes of at most 0x7f, whose sums of two such do not
     * carry into the next lane.
     */
    public static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
    /**
     * Each byte lane 0x01: a char times it is the char in every lane; added to a lane of at most 0x7f, it sets the
     * lane's high bit exactly when the lane is 0x7f.
     */
    public static final long ONES = 0x0101010101010101L;
    /**
     * The lanes of {@code x} (each a byte from 0x00 to 0x7F) from {@code lo} to {@code hi}, ASCII chars: their high bits
     * set, every other bit clear. Each lane's sums stay below 0x100, so none carries into the next. Small enough that C1
     * inlines it (33 bytecodes, under -XX:C1MaxInlineSize's 35).
     */
    public static long lanesIn(long x, char lo, char hi) {
        return (x + (0x80 - lo) * ONES) & ~(x + (0x7F - hi) * ONES) & HIGH;
    }

    /**
     * The shortest text that callers copy ({@link Copy}) to scan as bytes: below it the copy and {@link #is} cost about
     * what they save (measured in {@code AsciiJson.string}, whose comment gives the figures).
     */
    public static final int WORTH_COPYING = 32;

    /**
     * The index of the first byte of {@code b[from, to)} equal to one of the ASCII chars {@code c0, c1, c2} (repeat one
     * for fewer), else -1: one pass where String.indexOf(char) makes one per char, eight bytes at a time. A lane equals c
     * when its high bit is clear in x (the word) and in ((x & 0x7f..) ^ c..) + 0x7f.. (which carries into it from any
     * other low seven bits); at the first word with a hit the byte loop finds the byte. -1 where {@code from >= to}.
     *
     * @throws IllegalArgumentException when a char is not ASCII
     * @throws IndexOutOfBoundsException where {@code from < to} and {@code from < 0} or {@code to > b.length}
     */
    public static int indexOfAny(byte[] b, int from, int to, char c0, char c1, char c2) {
        if ((c0 | c1 | c2) >= 0x80) throw new IllegalArgumentException("not ASCII");
        long l0 = c0 * ONES, l1 = c1 * ONES, l2 = c2 * ONES;
        int i = from;
        for (; to - i >= 8; i += 8) {
            long x = word(b, i);
            long y = x & LOW7;
            if ((~(x | (((y ^ l0) + LOW7) & ((y ^ l1) + LOW7) & ((y ^ l2) + LOW7))) & HIGH) != 0) break;
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == c0 || c == c1 || c == c2) return i;
        }
        return -1;
    }
}
