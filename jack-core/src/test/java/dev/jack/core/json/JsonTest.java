package dev.jack.core.json;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Acceptance follows Python's json.loads, which IFEval's json_format checker uses. */
class JsonTest {
    @Test
    void acceptsWhatPythonAccepts() {
        for (String ok : List.of("{}", "[]", "0", "-0.5e+10", "\"s\"", "true", "null", "NaN", "-Infinity",
                "[Infinity, 1E3]", " \t\r\n{\"a\": [1, {\"b\": null}]} \n", "\"\\u00e9\\ud83d\\ude00\\/\"",
                "{\"a\": 1, \"a\": 2}", "12345678901234567890123")) {
            assertTrue(Json.isValid(ok), ok);
        }
    }

    @Test
    void rejectsWhatPythonRejects() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "1e", "-NaN", "nan",
                "'single'", "\"tab\there\"", "\"\\x41\"", "\"\\u12g4\"", "{a: 1}", "[1] [2]", "\uFEFF{}",
                "\u00a0{}", "True", "\"unterminated")) {
            assertFalse(Json.isValid(bad), bad);
            // isValid's exceptions go without their stack traces; parse's, which reach users, keep theirs.
            JsonException e = assertThrows(JsonException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getStackTrace().length > 0, bad);
        }
    }

    /**
     * A JSONL line parsed in one pass gives what the line cut out and parsed alone gives, or declines (end -1) and leaves
     * the line to that slower path; it never accepts a line that the slow path rejects, and it takes the usual lines.
     */
    @Test
    void parseLineAgreesWithParsingTheLineAlone() {
        List<String> lines = List.of("{}", " {\"a\": [1, {\"b\": null}]}\t", "\"\\u00e9\\n\"", "[1, 2] ", "-0.5e+10", "null",
                "", " \t", "{", "[1,]", "01", "\"tab\there\"", "{a: 1}", "[1] [2]", "\uFEFF{}", "\u00a0{}", "{\"a\":\u000b1}", "\"unterminated");
        for (String line : lines) {
            for (String after : List.of("", "\n{}", "\r\n{}", "\r")) {
                String text = "x" + line + after;
                int[] end = {7};
                Object value = Json.parseLine(text, 1, text.length(), end);
                if (end[0] < 0) {
                    assertFalse(line.matches("\\s*[\\[{\"n0-9-].*") && Json.isValid(line), "declined a plain line: " + line);
                    continue;
                }
                assertEquals(1 + line.length(), end[0], line);
                assertEquals(Json.parse(line), value, line);
            }
        }
    }

    @Test
    void parsesValuesWithJavaTypes() {
        Map<?, ?> m = (Map<?, ?>) Json.parse("{\"k\": 7, \"x\": 1.5, \"l\": [\"a\", false], \"big\": 99999999999999999999}");
        assertEquals(7L, m.get("k"));
        assertEquals(1.5, m.get("x"));
        assertEquals(List.of("a", false), m.get("l"));
        assertEquals(new java.math.BigInteger("99999999999999999999"), m.get("big"));
    }

    @Test
    void errorsGivePositions() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\"a\" 1}"));
        assertEquals(5, e.offset());
        assertTrue(e.getMessage().contains("':'"));
    }

    @Test
    void dumpsLikePython() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("b", List.of(true, false));
        m.put("s", "é\"\\\n\u007f😀\u0001/");
        m.put("n", null);
        assertEquals("{\"b\": [true, false], \"s\": \"\\u00e9\\\"\\\\\\n\\u007f\\ud83d\\ude00\\u0001/\", \"n\": null}", PyJson.dumps(m));
        assertEquals("[]", PyJson.dumps(List.of()));
    }

    /** NaN and the infinities are read (Python's json.loads takes them) but never written: they are not JSON. */
    @Test
    void nonFiniteNumbersAreWrittenAsNull() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("nan", Double.NaN);
        m.put("inf", Double.POSITIVE_INFINITY);
        m.put("float", Float.NEGATIVE_INFINITY);
        m.put("read", Json.parse("[NaN, -Infinity, 1e999, 0.5]"));
        String written = PyJson.dumps(m);
        assertEquals("{\"nan\": null, \"inf\": null, \"float\": null, \"read\": [null, null, null, 0.5]}", written);
    }

    @Test
    void floatsPrintLikePythonRepr() {
        assertEquals("0.7707948243992606", PyFloat.repr(417.0 / 541));
        assertEquals("1.0", PyFloat.repr(1.0));
        assertEquals("0.1", PyFloat.repr(0.1));
        assertEquals("1e-05", PyFloat.repr(0.00001));
        assertEquals("0.0001", PyFloat.repr(0.0001));
        assertEquals("1e+16", PyFloat.repr(1e16));
        assertEquals("123456789012345.0", PyFloat.repr(123456789012345.0));
        assertEquals("-2.5", PyFloat.repr(-2.5));
    }

    @Test
    void nestingAsDeepAsPythonsRecursionLimitAllowsAndNoDeeper() {
        int max = Json.MAX_NESTING;
        assertEquals(987, max);
        assertTrue(Json.isValid("[".repeat(max) + "]".repeat(max)));
        assertFalse(Json.isValid("[".repeat(max + 1) + "]".repeat(max + 1)));
        assertTrue(Json.isValid("{\"a\": ".repeat(max - 1) + "[]" + "}".repeat(max - 1)));
        assertFalse(Json.isValid("{\"a\": ".repeat(max) + "[]" + "}".repeat(max)));
        assertTrue(Json.isValid("[{\"k\": ".repeat(max / 2) + "[1, 2]" + "}]".repeat(max / 2)));
        // Far deeper than any thread stack would allow a recursive parser, and not even valid JSON.
        assertFalse(Json.isValid("[".repeat(3_500)));
        assertFalse(Json.isValid("[".repeat(1_000_000)));
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("[".repeat(5_000) + "]".repeat(5_000)));
        assertTrue(e.getMessage().contains("nesting"), e.getMessage());
    }

    @Test
    void integersOfMoreThan4300DigitsAreRefusedAsPythonRefusesThem() {
        assertTrue(Json.isValid("1".repeat(4300)));
        assertTrue(Json.isValid("-" + "1".repeat(4300)));
        assertFalse(Json.isValid("1".repeat(4301)));
        assertFalse(Json.isValid("-" + "1".repeat(4301)));
        assertFalse(Json.isValid("[" + "9".repeat(10_000) + "]"));
        // Floats have no such limit: Python gives inf.
        assertTrue(Json.isValid("1".repeat(5000) + ".5"));
        assertTrue(Json.isValid("1".repeat(5000) + "e5"));
        assertEquals(Double.POSITIVE_INFINITY, Json.parse("1".repeat(5000) + ".5"));
        assertEquals(new java.math.BigInteger("1".repeat(4300)), Json.parse("1".repeat(4300)));
        assertEquals(-922337203685477580L, Json.parse("-922337203685477580"));
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
        assertEquals(new java.math.BigInteger("9223372036854775808"), Json.parse("9223372036854775808"));
    }

    /** A value parsed in place is read within its range only: a word cut by the range's end is not a value. */
    @Test
    void aRangeIsParsedWithinItsBounds() {
        assertEquals(Map.of("a", 1L), Json.parse("xx{\"a\": 1}\nyy", 2, 10));
        assertEquals(Boolean.TRUE, Json.parse("[true]", 1, 5));
        for (String[] cut : new String[][] {{"true", "2"}, {"false", "4"}, {"null", "3"}, {"NaN", "2"}, {"Infinity", "5"}, {"-Infinity", "3"}}) {
            JsonException e = assertThrows(JsonException.class, () -> Json.parse(cut[0], 0, Integer.parseInt(cut[1])), cut[0]);
            assertTrue(e.offset() < Integer.parseInt(cut[1]), cut[0] + ": " + e.getMessage());
        }
    }

    /** The per-thread buffer for escaped strings: long and short, Latin-1 and wide, one after another on a thread. */
    @Test
    void escapedStringsOneAfterAnother() {
        String big = "a\\n\u00e9".repeat(300_000);
        List<String> values = List.of("\"x\\ny\"", "{\"s\": \"" + big + "\"}", "\"\\u2019 \\t\"", "\"" + big + "\\u2019\"", "\"q\\\"\"", "\"\\u00ff\"");
        List<Object> expected = List.of("x\ny", Map.of("s", "a\né".repeat(300_000)), "\u2019 \t", "a\né".repeat(300_000) + "\u2019", "q\"", "\u00ff");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < values.size(); i++) {
                assertEquals(expected.get(i), Json.parse(values.get(i)));
                int[] end = new int[1];
                assertEquals(expected.get(i), Json.parseLine(values.get(i) + "\n", 0, values.get(i).length() + 1, end));
                assertEquals(values.get(i).length(), end[0]);
            }
        }
    }

    @Test
    void stringsFromBytesWithCharsBeyondLatin1ReuseNoneOfTheirNeighbours() {
        // The decoder keeps its UTF-16 buffer between strings: a long wide string, then a plain one with an escape, then a
        // short wide one, then a Latin-1 one, each as its own text parses it.
        String wide = "\u2019quoted\u2019 ".repeat(40);
        String line = "{\"a\": \"" + wide + "\", \"b\": \"x\\ny\", \"c\": \"\\u2014\", \"d\": \"caf\u00e9\\t\", \"e\": \"\u2019\\n" + wide + "\"}";
        byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int[] end = new int[1];
        Object parsed = Json.parseLine(bytes, 0, bytes.length, end);
        assertEquals(bytes.length, end[0]);
        assertEquals(Map.of("a", wide, "b", "x\ny", "c", "\u2014", "d", "caf\u00e9\t", "e", "\u2019\n" + wide), parsed);
        assertEquals(Json.parse(line), parsed);
    }
}
