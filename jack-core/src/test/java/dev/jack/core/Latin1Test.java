package dev.jack.core;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link Latin1#is} on strings with and without chars above U+00FF, and {@link Latin1#indexOfAny} against a byte loop. */
class Latin1Test {
    @Test
    void latin1StringsAreTold() {
        assertFalse(Latin1.is("\u0100"));
        assertFalse(Latin1.is("it\u2019s"));
        // Without compact strings (-XX:-CompactStrings) no string is kept as Latin-1 and none may be taken for it.
        assumeTrue(Latin1.is("a"), "compact strings are off");
        assertTrue(Latin1.is(""));
        assertTrue(Latin1.is("plain"));
        assertTrue(Latin1.is("caf\u00e9 \u00ff\u0080"));
        assertFalse(Latin1.is("\ud83d\ude00"));
        // A Latin-1 part of a wider string is made Latin-1 again, and then copies as such.
        assertTrue(Latin1.is("ab\u2019cd".substring(0, 2)));
        Random random = new Random(3);
        for (int n = 0; n < 20_000; n++) {
            char[] chars = new char[random.nextInt(40)];
            int bound = random.nextBoolean() ? 0x100 : 0x180;
            for (int i = 0; i < chars.length; i++) chars[i] = (char) random.nextInt(bound);
            String s = new String(chars);
            boolean wide = s.chars().anyMatch(c -> c > 0xFF);
            assertEquals(!wide, Latin1.is(s), s);
            if (Latin1.is(s)) assertEquals(s, new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1));
        }
    }

    /** A copy holds each string's bytes in turn, none for a wide one, through growing past 2^20 bytes and back. */
    @Test
    void copiesHoldTheLastStringsBytes() {
        Latin1.Copy copy = new Latin1.Copy();
        Random random = new Random(4);
        for (int n = 0; n < 2_000; n++) {
            int length = n % 100 == 99 ? (1 << 20) + random.nextInt(1000) : random.nextInt(300);
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) chars[i] = (char) random.nextInt(0x100);
            if (n % 7 == 3 && length > 0) chars[random.nextInt(length)] = '\u2019';
            String s = new String(chars);
            for (int twice = 0; twice < 2; twice++) {
                byte[] bytes = copy.of(s);
                if (s.chars().anyMatch(c -> c > 0xFF)) {
                    assertEquals(null, bytes);
                } else {
                    assertEquals(s, new String(bytes, 0, length, StandardCharsets.ISO_8859_1));
                    if (length <= 1 << 20) assertTrue(bytes.length <= 1 << 20, "kept " + bytes.length);
                }
            }
        }
    }

    private static int oracle(byte[] b, int from, int to, char c0, char c1, char c2) {
        for (int i = from; i < to; i++) if (b[i] == c0 || b[i] == c1 || b[i] == c2) return i;
        return -1;
    }

    /** Every byte value at every position of runs of 0 to 40 bytes starting at offsets 0 to 7, for several sets of chars. */
    @Test
    void indexOfAnyAsTheByteLoop() {
        char[][] sets = {{'.', '?', '!'}, {'k', 'K', 'k'}, {'s', 'S', 's'}, {0, 0x7f, 0x20}, {'"', '\\', 0x1f}, {'a', 'a', 'a'}};
        byte[] b = new byte[56];
        for (char[] set : sets) {
            for (int from = 0; from < 8; from++) {
                for (int length = 0; length <= 40; length++) {
                    int start = from;
                    int to = from + length;
                    Arrays.fill(b, (byte) 'x');
                    for (int at = from; at < to; at++) {
                        for (int v = 0; v < 256; v++) {
                            b[at] = (byte) v;
                            int expected = oracle(b, from, to, set[0], set[1], set[2]);
                            assertEquals(expected, Latin1.indexOfAny(b, from, to, set[0], set[1], set[2]),
                                    () -> Arrays.toString(set) + " in " + Arrays.toString(Arrays.copyOfRange(b, start, to)));
                        }
                        b[at] = (byte) 'x';
                    }
                    // Two hits in one word, the later one first in the set; and one just past the end.
                    if (length >= 2) {
                        b[to - 1] = (byte) set[0];
                        b[to - 2] = (byte) set[2];
                        assertEquals(to - 2, Latin1.indexOfAny(b, from, to, set[0], set[1], set[2]));
                        Arrays.fill(b, (byte) 'x');
                    }
                    b[to] = (byte) set[1];
                    assertEquals(-1, Latin1.indexOfAny(b, from, to, set[0], set[1], set[2]));
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Latin1.indexOfAny(b, 0, 8, '.', '\u00e9', '!'));
    }
}
