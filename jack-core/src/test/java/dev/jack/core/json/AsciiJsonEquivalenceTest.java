package dev.jack.core.json;

import dev.jack.core.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AsciiJson}'s writer against the plain loop it replaced ({@link PyJson#writeString}, a char at a time, and
 * {@link PyFloat#repr} for each float): every string and every line of every JSONL file in ../shared, and generated
 * strings of every char that needs an escape (each below 0x20, '"', '\\', DEL), Latin-1, the BMP, surrogate pairs and
 * lone surrogates, long plain runs, empty and all-escape strings; and values whose map keys and floats repeat or collide
 * in the buffer's caches of written keys and floats.
 */
class AsciiJsonEquivalenceTest {
    /** The former writer: strings escaped char by char, floats as repr, Python's separators. */
    private static void oracle(StringBuilder b, Object value) {
        switch (value) {
            case null -> b.append("null");
            case String s -> PyJson.writeString(b, s);
            case Double d -> b.append(Double.isFinite(d) ? PyFloat.repr(d) : "null");
            case Map<?, ?> m -> {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) b.append(", ");
                    first = false;
                    PyJson.writeString(b, (String) e.getKey());
                    b.append(": ");
                    oracle(b, e.getValue());
                }
                b.append('}');
            }
            case List<?> l -> {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) b.append(", ");
                    oracle(b, l.get(i));
                }
                b.append(']');
            }
            default -> b.append(value);
        }
    }

    private static String oracle(Object value) {
        StringBuilder b = new StringBuilder();
        oracle(b, value);
        return b.toString();
    }

    /** Checks {@code out.string(s)} after what {@code out} holds (which it keeps up to a few kilobytes, so writes start at varied offsets). */
    private static void assertString(AsciiJson out, String s) {
        if (out.length() > 4096) out.clear();
        String before = out.toString();
        assertEquals(before + oracle(s), out.string(s).toString(), () -> s.chars().mapToObj(Integer::toHexString).toList().toString());
    }

    private static void strings(Object value, List<String> into) {
        switch (value) {
            case String s -> into.add(s);
            case Map<?, ?> m -> m.forEach((k, v) -> {
                into.add((String) k);
                strings(v, into);
            });
            case List<?> l -> l.forEach(v -> strings(v, into));
            case null, default -> {
            }
        }
    }

    @Test
    void everySharedJsonlStringAndLineIsWrittenAsBefore() throws IOException {
        List<Path> files = SharedData.jsonlFiles();
        assertTrue(files.size() >= 10, "JSONL files in ../shared: " + files);
        // One buffer for every line, as a score or eval chunk's buffer: its caches hold the keys and floats of earlier lines.
        AsciiJson lines = new AsciiJson(1);
        AsciiJson strings = new AsciiJson(1);
        long count = 0;
        for (Path file : files) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                Object value = Json.parse(line);
                lines.clear();
                assertEquals(oracle(value), lines.value(value).toString(), file + ": " + line);
                List<String> found = new ArrayList<>();
                strings(value, found);
                for (String s : found) assertString(strings, s);
                count += found.size();
            }
        }
        assertTrue(count > 100_000, "strings checked: " + count);
    }

    @Test
    void everyCharAloneAndAmongPlainText() {
        AsciiJson out = new AsciiJson(1);
        for (int c = 0; c <= 0xffff; c++) {
            String one = String.valueOf((char) c);
            assertString(out, one);
            assertString(out, "ab" + one + "cd");
            assertString(out, one + one + "plain text of some length" + one);
        }
        // Surrogate pairs in order and reversed (each then alone), and an astral code point's pair between plain text.
        assertString(out, "\ud83d\ude00");
        assertString(out, "\ude00\ud83d");
        assertString(out, "x\udbff\udfffy");
    }

    @Test
    void generatedStringsAsTheOldLoop() {
        // Pieces whose every mix must be escaped as before: each escape, DEL, Latin-1 (one-byte strings), wide chars.
        String[] pieces = {"", "a", "Z", " ", "~", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", "\u0000", "\u0001", "\u001f",
                "\u007f", "\u0080", "\u00a0", "\u00e9", "\u00ff", "\u0100", "\u2019", "\u2028", "\ufeff", "\uffff", "\ud83d\ude00",
                "\ud83d", "\ude00", "plain ascii words. ", "x".repeat(7), "y".repeat(8), "z".repeat(9), "\n\n", "\"quoted\""};
        Random random = new Random(20);
        AsciiJson out = new AsciiJson(1);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int k = random.nextInt(random.nextInt(4) == 0 ? 200 : 12); k > 0; k--) {
                s.append(random.nextInt(8) == 0 ? String.valueOf((char) random.nextInt(0x10000)) : pieces[random.nextInt(pieces.length)]);
            }
            assertString(out, s.toString());
        }
        // Long plain runs (whole buffers of them), with an escape at either end or none, and strings of escapes only.
        for (int length : new int[] {0, 1, 4095, 4096, 65_536, 1 << 20}) {
            String run = "r".repeat(length);
            assertString(out, run);
            assertString(out, "\n" + run);
            assertString(out, run + "\u00e9");
            assertString(out, "\"".repeat(length / 4));
            assertString(out, "\u0000".repeat(length / 8));
            assertString(new AsciiJson(1), "\u2019".repeat(length / 8) + run);
        }
    }

    /**
     * Strings around the length from which a Latin-1 one is copied and scanned eight bytes at a time (32), and across
     * word boundaries: each char that ends a run (or is the first that does not) at every position, alone and with a
     * second one after it; and the same with a char above U+00FF, which keeps the char loop.
     */
    @Test
    void copiedStringsWithEachCharAtEveryPosition() {
        char[] chars = {0, 0x1f, 0x20, '"', '\\', 0x7e, 0x7f, 0x80, 0xa0, 0xe9, 0xff, 0x100, 0x2019};
        AsciiJson out = new AsciiJson(1);
        for (int length = 1; length <= 72; length++) {
            for (int at = 0; at < length; at++) {
                for (char c : chars) {
                    char[] s = "plain ascii text, with words. ".repeat(3).substring(0, length).toCharArray();
                    s[at] = c;
                    assertString(out, new String(s));
                    s[length - 1 - at / 2] = '\n';
                    assertString(out, new String(s));
                    s[(at * 7) % length] = '\u2019';
                    assertString(out, new String(s));
                }
            }
        }
    }

    @Test
    void repeatedAndCollidingKeysAndFloatsAsBefore() {
        // "Aa" and "BB" have one hash, as do "AaAa", "BBBB", "AaBB" and "BBAa"; keys equal but not the same String; keys to
        // escape; floats repeated, of one slot's bits or not, and NaN and the infinities.
        List<String> keys = List.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa", "key", new String("key".toCharArray()), "k\"ey", "\u00e9",
                "", "reward", "reward_strict", "reward_loose");
        double[] floats = {0.0, -0.0, 0.5, 1.0, 1.0 / 3, 2.0 / 3, 0.25, 0.75, 1e-5, 1e16, 123456.789, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE};
        Random random = new Random(5);
        AsciiJson out = new AsciiJson(1);
        for (int n = 0; n < 20_000; n++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int k = random.nextInt(8); k >= 0; k--) {
                String key = keys.get(random.nextInt(keys.size()));
                double d = random.nextInt(4) == 0 ? Double.longBitsToDouble(random.nextLong()) : floats[random.nextInt(floats.length)];
                row.put(key, random.nextBoolean() ? (Object) d : Map.of(key, List.of(d, key)));
            }
            out.clear();
            assertEquals(oracle(row), out.value(row).toString());
        }
    }
}
