package dev.jack.core.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The oracle for {@link Json}: Jack's former recursive parser (without Python's nesting and integer
 * limits, which the new parser adds). Tests compare the two on generated texts of shallow nesting.
 */
final class RecursiveJsonOracle {
    private final String s;
    private int pos;

    private RecursiveJsonOracle(String s) {
        this.s = s;
    }

    /** Parses one JSON value that must span the whole text (surrounding whitespace allowed). */
    public static Object parse(String text) {
        RecursiveJsonOracle p = new RecursiveJsonOracle(text);
        p.skipWhitespace();
        Object value = p.value(0);
        p.skipWhitespace();
        if (p.pos != text.length()) throw p.error("unexpected extra data");
        return value;
    }

    /** True when Python's {@code json.loads} would accept the text. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (JsonException e) {
            return false;
        }
    }

    private static final int MAX_DEPTH = 10_000;

    private JsonException error(String message) {
        return new JsonException(message, pos);
    }

    private void skipWhitespace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) throw error("nesting too deep");
        if (pos >= s.length()) throw error("expecting a value");
        char c = s.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            case 'N' -> literal("NaN", Double.NaN);
            case 'I' -> literal("Infinity", Double.POSITIVE_INFINITY);
            default -> {
                if (c == '-' && s.startsWith("-Infinity", pos)) yield literal("-Infinity", Double.NEGATIVE_INFINITY);
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error("expecting a value");
            }
        };
    }

    private Object literal(String word, Object value) {
        if (!s.startsWith(word, pos)) throw error("expecting a value");
        pos += word.length();
        return value;
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipWhitespace();
        if (pos < s.length() && s.charAt(pos) == '}') {
            pos++;
            return map;
        }
        while (true) {
            if (pos >= s.length() || s.charAt(pos) != '"') throw error("expecting a property name in double quotes");
            String key = string();
            skipWhitespace();
            if (pos >= s.length() || s.charAt(pos) != ':') throw error("expecting ':' delimiter");
            pos++;
            skipWhitespace();
            map.put(key, value(depth + 1));
            skipWhitespace();
            if (pos >= s.length()) throw error("expecting ',' delimiter");
            char c = s.charAt(pos++);
            if (c == '}') return map;
            if (c != ',') {
                pos--;
                throw error("expecting ',' delimiter");
            }
            skipWhitespace();
        }
    }

    private List<Object> array(int depth) {
        List<Object> list = new ArrayList<>();
        pos++;
        skipWhitespace();
        if (pos < s.length() && s.charAt(pos) == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value(depth + 1));
            skipWhitespace();
            if (pos >= s.length()) throw error("expecting ',' delimiter");
            char c = s.charAt(pos++);
            if (c == ']') return list;
            if (c != ',') {
                pos--;
                throw error("expecting ',' delimiter");
            }
            skipWhitespace();
        }
    }

    private String string() {
        int start = ++pos;
        // Fast path: no escapes.
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '"') return s.substring(start, pos++);
            if (c == '\\' || c < 0x20) break;
            pos++;
        }
        StringBuilder b = new StringBuilder(s.length() - start);
        b.append(s, start, pos);
        while (true) {
            if (pos >= s.length()) throw new JsonException("unterminated string", start - 1);
            char c = s.charAt(pos++);
            if (c == '"') return b.toString();
            if (c < 0x20) {
                pos--;
                throw error("invalid control character in string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (pos >= s.length()) throw new JsonException("unterminated string", start - 1);
            char e = s.charAt(pos++);
            switch (e) {
                case '"' -> b.append('"');
                case '\\' -> b.append('\\');
                case '/' -> b.append('/');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (pos + 4 > s.length()) throw error("invalid \\uXXXX escape");
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(s.charAt(pos + i), 16);
                        if (d < 0 || s.charAt(pos + i) > 'f') throw error("invalid \\uXXXX escape");
                        code = code * 16 + d;
                    }
                    pos += 4;
                    b.append((char) code);
                }
                default -> {
                    pos -= 2;
                    throw error("invalid \\escape");
                }
            }
        }
    }

    private Object number() {
        int start = pos;
        if (s.charAt(pos) == '-') pos++;
        if (pos >= s.length() || !isDigit(s.charAt(pos))) {
            pos = start;
            throw error("expecting a value");
        }
        if (s.charAt(pos) == '0') pos++;
        else while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
        boolean integral = true;
        if (pos + 1 < s.length() && s.charAt(pos) == '.' && isDigit(s.charAt(pos + 1))) {
            integral = false;
            pos++;
            while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
            if (pos < s.length() && isDigit(s.charAt(pos))) {
                integral = false;
                while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
            } else {
                pos = mark;
            }
        }
        String text = s.substring(start, pos);
        if (!integral) return Double.parseDouble(text);
        if (text.length() < 19) return Long.parseLong(text);
        BigInteger big = new BigInteger(text);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
