package dev.jack.core.json;

import java.util.List;
import java.util.Map;

/**
 * Writes JSON exactly as Python's {@code json.dumps} does with its defaults: ASCII only (other
 * characters as lowercase {@code \}uXXXX escapes, surrogate pairs for astral ones), ", " and ": "
 * separators, maps in their iteration order. Strings are copied run by run between the characters
 * that need an escape (hand-written for speed: output files repeat every response).
 */
public final class PyJson {
    private PyJson() {}

    static final char[] HEX = "0123456789abcdef".toCharArray();
    /** For each ASCII char, its two-char escape, 'u' for a \\u escape, or 0 when it is written as is. */
    static final char[] ASCII_ESCAPE = new char[128];

    static {
        for (int c = 0; c < 0x20; c++) ASCII_ESCAPE[c] = 'u';
        ASCII_ESCAPE['\n'] = 'n';
        ASCII_ESCAPE['\r'] = 'r';
        ASCII_ESCAPE['\t'] = 't';
        ASCII_ESCAPE['\b'] = 'b';
        ASCII_ESCAPE['\f'] = 'f';
        ASCII_ESCAPE['"'] = '"';
        ASCII_ESCAPE['\\'] = '\\';
        ASCII_ESCAPE[0x7f] = 'u';
    }

    /**
     * {@code json.dumps(value)}: maps (String keys), lists, strings, booleans, null, and numbers (floats as
     * {@code repr}). NaN and the infinities, which are not JSON (Python would write {@code NaN} and {@code Infinity},
     * which most JSON readers refuse), are written as {@code null}, as JavaScript's {@code JSON.stringify} does: no
     * output file of Jack's holds them. Where a value has a meaningful finite stand-in, its source gives it first (a
     * logprob of -Infinity is clamped to -9999.0 where it is read from the model). Written by {@link AsciiJson#value}.
     *
     * @throws IllegalArgumentException for another type
     */
    public static String dumps(Object value) {
        return new AsciiJson(64).value(value).toString();
    }

    /** Appends {@code json.dumps(s)} for a string. */
    public static void writeString(StringBuilder b, String s) {
        b.append('"');
        int n = s.length();
        int run = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            char escape;
            if (c < 128) {
                escape = ASCII_ESCAPE[c];
                if (escape == 0) continue;
            } else {
                escape = 'u';
            }
            if (i > run) b.append(s, run, i);
            run = i + 1;
            if (escape != 'u') {
                b.append('\\').append(escape);
            } else {
                b.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
            }
        }
        if (n > run) b.append(s, run, n);
        b.append('"');
    }
}
