package dev.jack.core.json;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link PlainBytes#end} against the byte loop over its table: every byte value at every position of runs of 0 to 40
 * bytes that start at offsets 0 to 7 (so that hits fall in every lane of a word, in the first, a middle and the last
 * word, and in the byte loop after the words), and random mixes of plain and other bytes.
 */
class PlainBytesTest {
    private static int oracle(byte[] b, int from, int to, boolean[] plain) {
        int i = from;
        while (i < to && plain[b[i] & 0xFF]) i++;
        return i;
    }

    private static void check(byte[] b, int from, int to) {
        for (boolean write : new boolean[] {false, true}) {
            assertEquals(oracle(b, from, to, write ? PlainBytes.WRITE : PlainBytes.READ), PlainBytes.end(b, from, to, write),
                    () -> Arrays.toString(Arrays.copyOfRange(b, from, to)) + (write ? " write" : " read"));
        }
    }

    @Test
    void tables() {
        for (int c = 0; c < 256; c++) {
            boolean printable = c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
            assertEquals(printable, PlainBytes.READ[c], "read " + c);
            assertEquals(printable && c != 0x7f, PlainBytes.WRITE[c], "write " + c);
        }
    }

    @Test
    void everyByteAtEveryPositionAndOffset() {
        byte[] b = new byte[56];
        for (int from = 0; from < 8; from++) {
            for (int length = 0; length <= 40; length++) {
                int to = from + length;
                Arrays.fill(b, (byte) 'a');
                check(b, from, to);
                for (int at = from; at < to; at++) {
                    for (int v = 0; v < 256; v++) {
                        b[at] = (byte) v;
                        check(b, from, to);
                        b[at] = (byte) 'a';
                    }
                }
            }
        }
        // A hit just past the end is not seen.
        Arrays.fill(b, (byte) 'a');
        b[16] = '"';
        assertEquals(16, PlainBytes.end(b, 0, 16, false));
        assertEquals(16, PlainBytes.end(b, 3, 16, false));
    }

    @Test
    void randomMixes() {
        Random random = new Random(8);
        byte[] special = {0, 0x1f, 0x20, 0x21, '"', '\\', 0x7e, 0x7f, (byte) 0x80, (byte) 0xa0, (byte) 0xff, (byte) 0xc3, 0x5b, 0x5d, 0x02};
        for (int n = 0; n < 100_000; n++) {
            byte[] b = new byte[1 + random.nextInt(80)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(12) == 0 ? special[random.nextInt(special.length)] : (byte) (0x20 + random.nextInt(0x5f));
            }
            int from = random.nextInt(b.length);
            check(b, from, from + random.nextInt(b.length - from + 1));
        }
    }
}
