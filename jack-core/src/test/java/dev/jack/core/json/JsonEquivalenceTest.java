package dev.jack.core.json;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written parser, string writer and float repr must agree with Jack's former implementations
 * (kept in the test sources) on generated inputs: valid JSON, JSON with one character changed,
 * dropped or duplicated, strings over every kind of character, and doubles of every magnitude.
 */
class JsonEquivalenceTest {
    private static final String[] PIECES = {"{", "}", "[", "]", ",", ":", " ", "\n", "\t", "\r", "\"", "\\", "\\\"", "\\n",
            "\\u00e9", "\\ud83d\\ude00", "\\uZZZZ", "\\x", "0", "-0", "1", "-12", "3.25", "1e5", "1E+2", "2e", "1.", ".5", "01",
            "true", "false", "null", "NaN", "Infinity", "-Infinity", "nan", "\"key\"", "\"é\"", "\u0001", "\u00a0", "😀",
            "123456789012345678", "1234567890123456789", "-9223372036854775809", "99999999999999999999"};

    private static String generateValue(Random random, int depth) {
        int kind = random.nextInt(depth > 6 ? 4 : 7);
        return switch (kind) {
            case 0 -> "\"" + randomString(random, true) + "\"";
            case 1 -> List.of("0", "-1", "2.5e-3", "1234567890123456789012", "true", "false", "null", "NaN", "-Infinity").get(random.nextInt(9));
            case 2 -> String.valueOf(random.nextLong());
            case 3 -> String.valueOf(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 4, 5 -> {
                StringBuilder b = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) b.append(generateValue(random, depth + 1)).append(i > 1 ? ", " : "");
                yield b.append(']').toString();
            }
            default -> {
                StringBuilder b = new StringBuilder("{");
                for (int i = random.nextInt(4); i > 0; i--) {
                    b.append('"').append(randomString(random, true)).append("\": ").append(generateValue(random, depth + 1)).append(i > 1 ? "," : "");
                }
                yield b.append('}').toString();
            }
        };
    }

    /** Characters of every class: plain ASCII, escapes, controls, Latin-1, BMP, surrogates. */
    private static String randomString(Random random, boolean escaped) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            switch (random.nextInt(8)) {
                case 0 -> b.append(escaped ? "\\n" : "\n");
                case 1 -> b.append(escaped ? "\\\"" : "\"");
                case 2 -> b.append(escaped ? "\\\\" : "\\");
                case 3 -> b.append(escaped ? "\\u00e9\\ud83d\\ude00" : "é😀");
                case 4 -> b.append((char) random.nextInt(0x20));
                case 5 -> b.append((char) (0x80 + random.nextInt(0xFF80)));
                default -> b.append((char) (0x20 + random.nextInt(0x5f)));
            }
        }
        return b.toString();
    }

    private static Object outcome(java.util.function.Function<String, Object> parser, String text) {
        try {
            return parser.apply(text);
        } catch (JsonException e) {
            return "error at " + e.offset();
        }
    }

    @Test
    void parserAgreesWithTheFormerParser() {
        Random random = new Random(14);
        for (int i = 0; i < 50_000; i++) {
            String text = generateValue(random, 0);
            if (random.nextBoolean()) {
                StringBuilder b = new StringBuilder(text);
                int at = random.nextInt(b.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> b.insert(at, PIECES[random.nextInt(PIECES.length)]);
                    case 1 -> { if (at < b.length()) b.deleteCharAt(at); }
                    default -> { if (at < b.length()) b.insert(at, b.charAt(at)); }
                }
                text = b.toString();
            }
            final String t = text;
            assertEquals(outcome(RecursiveJsonOracle::parse, t), outcome(Json::parse, t), t);
        }
    }

    /**
     * {@link Json#parseLine} on the same generated and mutated values, set in a JSONL batch: where it takes a line it
     * finds the line's end and gives what parsing the line alone gives (never a line that parse rejects).
     */
    @Test
    void parseLineAgreesWithParsingTheLineAlone() {
        Random random = new Random(17);
        int taken = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder(generateValue(random, 0));
            if (random.nextBoolean()) b.insert(random.nextInt(b.length() + 1), PIECES[random.nextInt(PIECES.length)]);
            String text = "{}\n" + b + List.of("", "\n", "\r\n", "\r").get(random.nextInt(4)) + "[1]";
            int[] end = {0};
            Object value = Json.parseLine(text, 3, text.length(), end);
            if (end[0] < 0) continue;
            taken++;
            int lineEnd = 3;
            while (lineEnd < text.length() && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') lineEnd++;
            assertEquals(lineEnd, end[0], text);
            assertEquals(outcome(Json::parse, text.substring(3, lineEnd)), value, text);
        }
        assertTrue(taken > 10_000, "parseLine took only " + taken + " lines");
    }

    @Test
    void stringWriterAgreesWithTheFormerWriter() {
        Random random = new Random(15);
        for (int i = 0; i < 100_000; i++) {
            String text = randomString(random, false);
            StringBuilder b = new StringBuilder();
            PyJson.writeString(b, text);
            assertEquals(formerString(text), b.toString());
        }
    }

    @Test
    void floatReprAgreesWithTheFormerRepr() {
        Random random = new Random(16);
        for (int i = 0; i < 300_000; i++) {
            double d = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextDouble();
                case 2 -> random.nextInt(1_000_000) / (double) (1 + random.nextInt(1000));
                default -> Math.pow(10, random.nextInt(44) - 22) * (random.nextInt(2000) - 1000);
            };
            if (Double.isNaN(d) || Double.isInfinite(d)) continue;
            assertEquals(BigDecimalPyFloat.repr(d), PyFloat.repr(d), () -> Double.toString(d));
        }
        for (double d : new double[] {0.0, -0.0, 1e-3, Math.nextDown(1e-3), -1e-3, 1e7, Math.nextDown(1e7), -Math.nextDown(1e7), 0.5, 1.0, 2 / 3.0, 1e16, 1e15, 9999999999999998.0, 1e-4, 1e-5, 0.00012345, Double.MIN_VALUE, Double.MAX_VALUE, 5e-324, 0.1 + 0.2}) {
            assertEquals(BigDecimalPyFloat.repr(d), PyFloat.repr(d), Double.toString(d));
        }
        assertEquals("nan", PyFloat.repr(Double.NaN));
        assertEquals("-inf", PyFloat.repr(Double.NEGATIVE_INFINITY));
    }

    /** Jack's former string writer: one char at a time. */
    private static String formerString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                if (c == '"') b.append("\\\"");
                else if (c == '\\') b.append("\\\\");
                else b.append(c);
                continue;
            }
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.append('"').toString();
    }
}
