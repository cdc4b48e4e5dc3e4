package dev.jack.core.json;

import dev.jack.core.SharedData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link Json#parseLine(byte[], int, int, int[])} against {@link Json#parseLine(String, int, int, int[])} on the decoded
 * text: every line of every JSONL file in ../shared (as it is, and with its {@code \}{@code uXXXX} escapes written as
 * raw UTF-8), and generated lines of every escape, raw UTF-8 of one to four bytes, bytes that are not UTF-8 (overlong
 * forms, encoded surrogates, code points past U+10FFFF, stray and missing continuation bytes), lone surrogates in
 * escapes, NUL, numbers, nested values and duplicate keys.
 */
class JsonBytesEquivalenceTest {
    /** Fragments a generated line is made of, as bytes (UTF-8 where they are text). */
    private static final byte[][] PIECES = pieces();

    private static byte[][] pieces() {
        List<byte[]> p = new ArrayList<>();
        for (String s : List.of("{", "}", "[", "]", ",", ":", " ", "\t", "\"", "\"key\"", "\"key\": ", "\"k\": 1, \"k\": 2",
                "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0041", "\\u00e9", "\\u2019", "\\ud83d\\ude00",
                "\\ud800", "\\udfff", "\\u0000", "\\uFFFD", "\\uZZZZ", "\\x", "\\", "0", "-0", "1", "-12", "3.25", "1e5",
                "1E+2", "2e", "1.", ".5", "01", "123456789012345678", "1234567890123456789", "-9223372036854775809",
                "99999999999999999999", "true", "false", "null", "NaN", "Infinity", "-Infinity", "nan", "tru",
                "é", "’", "€", "😀", "\uFFFD", "\uFEFF", "\u00a0", "\u2028", "\u000B", "\f", "plain ascii text")) {
            p.add(s.getBytes(StandardCharsets.UTF_8));
        }
        int[][] raw = {{0}, {0x1F}, {0x7F}, {0x80}, {0xBF}, {0xC0, 0xAF}, {0xC1, 0xBF}, {0xC2}, {0xE0, 0x80, 0xAF},
                {0xE2, 0x82}, {0xED, 0xA0, 0x80}, {0xED, 0xBF, 0xBF}, {0xF0, 0x80, 0x80, 0xAF}, {0xF4, 0x90, 0x80, 0x80},
                {0xF5, 0x80, 0x80, 0x80}, {0xF8}, {0xFF}, {0xF0, 0x9F, 0x98}, {0xC3, 0xA9}, {0xEF, 0xBB, 0xBF}};
        for (int[] r : raw) {
            byte[] b = new byte[r.length];
            for (int i = 0; i < r.length; i++) b[i] = (byte) r[i];
            p.add(b);
        }
        return p.toArray(byte[][]::new);
    }

    @Test
    void everySharedJsonlLineParsesAsItsText() throws IOException {
        List<Path> files = SharedData.jsonlFiles();
        assertTrue(files.size() >= 10, "JSONL files in ../shared: " + files);
        long lines = 0;
        for (Path file : files) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isEmpty()) continue;
                assertSame(line.getBytes(StandardCharsets.UTF_8), file + ": " + line);
                assertSame(unescaped(line).getBytes(StandardCharsets.UTF_8), file + " (raw UTF-8): " + line);
                lines++;
            }
        }
        assertTrue(lines > 10_000, "lines read: " + lines);
    }

    @Test
    void generatedLinesParseAsTheirText() {
        Random random = new Random(7);
        int readWithUtf8 = 0;
        for (int i = 0; i < 100_000; i++) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            if (random.nextInt(4) > 0) {
                // Mostly an object of strings, numbers and nested values, with a few pieces inserted anywhere.
                byte[] valid = generatedObject(random, 0).getBytes(StandardCharsets.UTF_8);
                int at = random.nextInt(valid.length + 1);
                line.write(valid, 0, at);
                for (int k = random.nextInt(3); k > 0; k--) line.writeBytes(PIECES[random.nextInt(PIECES.length)]);
                line.write(valid, at, valid.length - at);
            } else {
                for (int k = 1 + random.nextInt(12); k > 0; k--) line.writeBytes(PIECES[random.nextInt(PIECES.length)]);
            }
            if (random.nextInt(8) == 0) line.writeBytes(random.nextBoolean() ? "\n{\"next\": 1}".getBytes() : "\r\n".getBytes());
            byte[] bytes = line.toByteArray();
            if (assertSame(bytes, "generated line " + i) && !new String(bytes, StandardCharsets.ISO_8859_1).chars().allMatch(c -> c < 0x80)) {
                readWithUtf8++;
            }
        }
        assertTrue(readWithUtf8 > 10_000, "generated lines of raw UTF-8 read from bytes: " + readWithUtf8);
    }

    /**
     * Strings (values and keys) of 0 to 40 bytes that begin at every offset within a word, with one piece at every
     * position: the bytes around the ends of the runs read eight at a time (0x1f, 0x20, 0x7e, 0x7f, '"', '\\'),
     * escapes, raw UTF-8 of Latin-1 and wider chars, and bytes that are not UTF-8 (0x80, 0xff).
     */
    @Test
    void piecesAtEveryPositionOfStringsOfEveryLength() {
        String[] pieces = {"\u001f", " ", "~", "\u007f", "\\\"", "\\\\", "\\n", "\\u2019", "\"", "\u0080", "\u00e9",
                "\u00ff", "\u0100", "\u2019", "\ud83d\ude00"};
        byte[][] raw = {{(byte) 0x80}, {(byte) 0xff}, {(byte) 0xc3}, {0x1f}, {0x7f}};
        for (int pad = 0; pad < 8; pad++) {
            for (int length = 0; length <= 40; length++) {
                for (int at = 0; at <= length; at++) {
                    List<byte[]> inserts = new ArrayList<>();
                    for (String p : pieces) inserts.add(p.getBytes(StandardCharsets.UTF_8));
                    inserts.addAll(Arrays.asList(raw));
                    for (byte[] insert : inserts) {
                        String plain = "abcdefgh".repeat(5).substring(0, length);
                        ByteArrayOutputStream s = new ByteArrayOutputStream();
                        s.writeBytes(plain.substring(0, at).getBytes(StandardCharsets.US_ASCII));
                        s.writeBytes(insert);
                        s.writeBytes(plain.substring(at).getBytes(StandardCharsets.US_ASCII));
                        String string = new String(s.toByteArray(), StandardCharsets.ISO_8859_1);
                        String line = "{" + " ".repeat(pad) + "\"" + string + "\": [\"" + string + "\"]}";
                        assertSame(line.getBytes(StandardCharsets.ISO_8859_1), "string " + string);
                    }
                }
            }
        }
    }

    /** An object whose strings hold every kind of char, raw (as UTF-8) or escaped. */
    private static String generatedObject(Random random, int depth) {
        StringBuilder b = new StringBuilder("{");
        for (int i = random.nextInt(5); i > 0; i--) {
            b.append('"').append(random.nextInt(4) == 0 ? "key" : generatedString(random)).append("\": ");
            switch (random.nextInt(depth > 3 ? 3 : 5)) {
                case 0 -> b.append('"').append(generatedString(random)).append('"');
                case 1 -> b.append(List.of("0", "-1", "2.5e-3", "1234567890123456789012", "true", "false", "null", "NaN",
                        "-Infinity", String.valueOf(random.nextLong()), String.valueOf(random.nextDouble())).get(random.nextInt(11)));
                case 2 -> b.append("\"").append("word ".repeat(random.nextInt(40))).append('"');
                case 3 -> b.append('[').append(generatedObject(random, depth + 1)).append(", [1, \"x\"], []]");
                default -> b.append(generatedObject(random, depth + 1));
            }
            if (i > 1) b.append(", ");
        }
        return b.append('}').toString();
    }

    private static String generatedString(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(16); i > 0; i--) {
            switch (random.nextInt(10)) {
                case 0 -> b.append(List.of("\\n", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r", "\\t").get(random.nextInt(8)));
                case 1 -> b.append(String.format("\\u%04x", random.nextInt(0x10000)));
                case 2 -> b.append((char) (0x80 + random.nextInt(0x780)));
                case 3 -> b.append((char) (0x800 + random.nextInt(0xD000)));
                case 4 -> b.appendCodePoint(0x10000 + random.nextInt(0x100000));
                default -> b.append((char) (0x20 + random.nextInt(0x5f))).append(random.nextBoolean() ? "" : "ab");
            }
        }
        return b.toString().replace("\"", "'").replace("'\\", "\\").replace("\\'", "\\\"");
    }

    /**
     * The byte parser accepts a line exactly where the text parser accepts its decoded text, with the same value and
     * line end, unless the bytes are not UTF-8: then it leaves the line to the text parser (a real U+FFFD is read from
     * the bytes like any other character). Returns
     * whether the bytes were read.
     */
    private static boolean assertSame(byte[] bytes, String what) {
        int[] byteEnd = new int[1];
        Object fromBytes = Json.parseLine(bytes, 0, bytes.length, byteEnd);
        // The line as a reader's decoding has it (lenient: U+FFFD for what is not UTF-8).
        String text = new String(bytes, StandardCharsets.UTF_8);
        int[] textEnd = new int[1];
        Object fromText = Json.parseLine(text, 0, text.length(), textEnd);
        if (byteEnd[0] < 0) {
            if (textEnd[0] >= 0 && isUtf8(bytes)) fail(what + ": refused from bytes, read from text as " + fromText);
            return false;
        }
        assertTrue(isUtf8(Arrays.copyOf(bytes, byteEnd[0])), what + ": read from bytes that are not UTF-8");
        assertTrue(textEnd[0] >= 0, what + ": read from bytes, refused from text");
        assertEquals(canonical(fromText), canonical(fromBytes), what);
        assertEquals(text.substring(0, textEnd[0]), new String(bytes, 0, byteEnd[0], StandardCharsets.UTF_8), what + ": line end");
        return true;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The value with every type and order written out: equal exactly when the parsed values are the same. */
    private static String canonical(Object v) {
        return switch (v) {
            case null -> "null";
            case Map<?, ?> m -> {
                StringBuilder b = new StringBuilder(m.getClass().getSimpleName()).append('{');
                m.forEach((k, x) -> b.append(canonical(k)).append('=').append(canonical(x)).append(','));
                yield b.append('}').toString();
            }
            case List<?> l -> {
                StringBuilder b = new StringBuilder(l.getClass().getSimpleName()).append('[');
                for (Object x : l) b.append(canonical(x)).append(',');
                yield b.append(']').toString();
            }
            case String s -> "S" + s.length() + ":" + s;
            case Double d -> "D" + Double.doubleToRawLongBits(d);
            case Long l -> "L" + l;
            case BigInteger i -> "B" + i;
            case Boolean bool -> "Z" + bool;
            default -> throw new AssertionError("unexpected value type " + v.getClass());
        };
    }

    /**
     * The line with each {@code \}{@code uXXXX} escape of a char from U+0080 that is no surrogate written as the char
     * itself (which a JSONL writer without ensure_ascii does).
     */
    private static String unescaped(String line) {
        StringBuilder b = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                if (line.charAt(i + 1) == 'u' && i + 6 <= line.length()) {
                    int code = Integer.parseInt(line.substring(i + 2, i + 6), 16);
                    if (code >= 0x80 && !Character.isSurrogate((char) code)) {
                        b.append((char) code);
                        i += 5;
                        continue;
                    }
                }
                b.append(c).append(line.charAt(i + 1));
                i++;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
