package dev.jack.core.json;

import java.util.List;
import java.util.Map;

/**
 * Writes JSON exactly as Python's {@code json.dumps} does with its defaults: ASCII only (other
 * characters as lowercase {@code \}uXXXX escapes, surrogate pairs for astral ones), ", " and ": "
 * separators, maps in their iteration order.
 */
public final class PyJson {
    private PyJson() {}

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public static String dumps(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value);
        return b.toString();
    }

    public static void write(StringBuilder b, Object value) {
        switch (value) {
            case null -> b.append("null");
            case String s -> writeString(b, s);
            case Boolean bool -> b.append(bool ? "true" : "false");
            case Integer i -> b.append(i);
            case Long l -> b.append(l);
            case Double d -> writeDouble(b, d);
            case Map<?, ?> map -> {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) b.append(", ");
                    first = false;
                    writeString(b, (String) e.getKey());
                    b.append(": ");
                    write(b, e.getValue());
                }
                b.append('}');
            }
            case List<?> list -> {
                b.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) b.append(", ");
                    write(b, list.get(i));
                }
                b.append(']');
            }
            case Number n -> b.append(n);
            default -> throw new IllegalArgumentException("not JSON-serializable: " + value.getClass());
        }
    }

    private static void writeDouble(StringBuilder b, double d) {
        if (Double.isNaN(d)) b.append("NaN");
        else if (Double.isInfinite(d)) b.append(d > 0 ? "Infinity" : "-Infinity");
        else b.append(PyFloat.repr(d));
    }

    public static void writeString(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
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
                default -> b.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
            }
        }
        b.append('"');
    }
}
