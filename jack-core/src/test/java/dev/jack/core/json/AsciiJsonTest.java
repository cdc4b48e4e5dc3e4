package dev.jack.core.json;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link AsciiJson} writes JSON exactly as Python's {@code json.dumps} (ensure_ascii): strings as {@link PyJson#writeString}
 * escapes them, numbers as Java and {@link PyFloat#repr} print them, maps and lists with Python's separators.
 */
class AsciiJsonTest {
    /** Characters that exercise every escape: controls, quotes, backslash, DEL, Latin-1, BMP, lone and paired surrogates. */
    private static final char[] ALPHABET = {'a', 'Z', ' ', '"', '\\', '/', '\b', '\f', '\n', '\r', '\t', 0, 1, 0x1f, 0x7f, 0x80, 0xe9, 0x2028,
            0xfeff, 0xd83d, 0xde00, 0xdbff, 0xdc00, 0xffff};

    private static String randomString(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
            b.append(random.nextInt(3) == 0 ? (char) random.nextInt(0x10000) : ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }

    @Test
    void stringsAreEscapedAsPythonsJsonDumps() {
        Random random = new Random(3);
        AsciiJson out = new AsciiJson(1);
        for (int n = 0; n < 20_000; n++) {
            String s = randomString(random);
            StringBuilder expected = new StringBuilder();
            PyJson.writeString(expected, s);
            out.clear();
            assertEquals(expected.toString(), out.string(s).toString(), () -> s.chars().mapToObj(Integer::toHexString).toList().toString());
        }
    }

    @Test
    void listsAndBooleansAsPythonsJsonDumps() {
        AsciiJson out = new AsciiJson(4);
        out.list(List.of(true, false, true), out::bool);
        assertEquals("[true, false, true]", out.toString());
        out.clear();
        out.list(List.of("é", "\u0000"), out::string);
        assertEquals("[\"\\u00e9\", \"\\u0000\"]", out.toString());
    }

    /** Whole numbers as Long.toString, floats as repr, and nested values: every case of {@link AsciiJson#value}. */
    @Test
    void valuesAsPythonsJsonDumps() {
        Random random = new Random(8);
        AsciiJson out = new AsciiJson(1);
        for (long n : new long[] {0, 1, -1, 9, 10, -10, 99, 100, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, Integer.MIN_VALUE}) {
            out.clear();
            assertEquals(Long.toString(n), out.integer(n).toString());
        }
        for (int i = 0; i < 20_000; i++) {
            long n = random.nextLong() >> random.nextInt(64);
            double d = Double.longBitsToDouble(random.nextLong());
            out.clear();
            assertEquals(Long.toString(n), out.value(n).toString());
            out.clear();
            assertEquals(Double.isFinite(d) ? PyFloat.repr(d) : "null", out.value(d).toString());
            out.clear();
            assertEquals(Integer.toString((int) n), out.value((int) n).toString());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "x\"\n");
        m.put("n", null);
        m.put("l", Arrays.asList(1L, 2.5, 0.1, 1e16, Double.NaN, Float.POSITIVE_INFINITY, 1.5f, true, List.of(), Map.of()));
        m.put("e", Map.of("k", -3));
        out.clear();
        assertEquals("{\"s\": \"x\\\"\\n\", \"n\": null, \"l\": [1, 2.5, 0.1, 1e+16, null, null, 1.5, true, [], {}], \"e\": {\"k\": -3}}",
                out.value(m).toString());
        assertArrayEquals(out.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), out.toBytes());
        assertArrayEquals(out.toBytes(), new AsciiJson(0).raw(out.toBytes()).toBytes());
        assertThrows(IllegalArgumentException.class, () -> new AsciiJson(8).value(new Object()));
    }

    /** An object written field by field is the bytes of the same entries written as a map, nested objects included. */
    @Test
    void objectsWrittenFieldByFieldAreTheMapsBytes() {
        Random random = new Random(5);
        AsciiJson fields = new AsciiJson(1);
        AsciiJson map = new AsciiJson(1);
        for (int n = 0; n < 2_000; n++) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                m.put(randomString(random), switch (random.nextInt(5)) {
                    case 0 -> randomString(random);
                    case 1 -> random.nextLong();
                    case 2 -> random.nextDouble();
                    case 3 -> Map.of(randomString(random), List.of(true, "{"));
                    default -> Arrays.asList(null, Map.of());
                });
            }
            fields.clear();
            map.clear();
            fields.raw("[").beginObject();
            m.forEach(fields::field);
            fields.endObject().raw("]");
            assertEquals(map.value(List.of(m)).toString(), fields.toString());
        }
    }
}
