package dev.jack.core.json;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A JSON parser with Python's {@code json.loads} grammar: objects become maps that behave as
 * {@link java.util.LinkedHashMap} does ({@link JsonObject}; the last duplicate key wins, in the first one's place),
 * arrays {@link ArrayList}, integers {@link Long} or {@link BigInteger}, other numbers {@link Double}; {@code NaN},
 * {@code Infinity} and {@code -Infinity} are accepted, control characters inside strings are not, and only space, tab,
 * CR and LF count as whitespace.
 *
 * <p>Python's limits are kept, so that a text is accepted exactly when the reference scorer's {@code json.loads}
 * accepts it: integers of more than 4,300 digits are refused (Python's {@code int()} limit, a ValueError), and so is
 * nesting deeper than {@link #MAX_NESTING}, where Python's C scanner raises RecursionError. Parsing is iterative, so no
 * input can exhaust the stack.
 *
 * <p>Hand-written for speed (JSONL reading is a large part of a whole-command run): strings without escapes are one
 * substring, escaped strings are copied run by run. JSONL lines are also parsed from their UTF-8 bytes
 * ({@link #parseLine(byte[], int, int, int[])}): no decoded copy of the file's text is made, an ASCII string is one
 * copy of its bytes, and short ASCII object keys come from a small per-thread cache (64 slots, a colliding key replaces
 * the one in its slot), so a file's repeated keys are not made again on every line.
 */
public final class Json {
    /**
     * The deepest nesting of arrays and objects accepted: 987, the depth at which Google's IFEval
     * scorer ({@code evaluation_main}, Python 3.11, default recursion limit 1000) still parses a
     * response; at 988 its {@code json.loads} raises RecursionError (measured; a top-level call in
     * a script reaches 993). Jack counts deeper texts as not JSON.
     */
    public static final int MAX_NESTING = 987;
    /** Python's {@code sys.get_int_max_str_digits()} default: longer integers are a ValueError. */
    public static final int MAX_INT_DIGITS = 4300;

    /** The text parsed: {@code s}, or else the UTF-8 bytes {@code b}. */
    private final String s;
    private final byte[] b;
    private final int n;
    private int pos;
    /** The thread's scratch state, taken on first need: a string's value with escapes, open containers, keys read. */
    private Decoded decoded;
    /** Whether '\n' and '\r' end the text rather than count as whitespace ({@link #parseLine}). */
    private final boolean line;
    /**
     * Whether an error only answers a yes-or-no question ({@link #isValid}, {@link #parseLine}), so that its exception
     * goes without a stack trace: a checker asks it of every response, and taking the trace cost more than the parse.
     */
    private final boolean quiet;

    private Json(String s, byte[] b, int from, int to, boolean line, boolean quiet) {
        this.s = s;
        this.b = b;
        this.pos = from;
        this.n = to;
        this.line = line;
        this.quiet = quiet;
    }

    /**
     * Parses one JSON value that must span the whole text (surrounding whitespace allowed).
     *
     * @throws JsonException where Python's {@code json.loads} would raise, with the offset
     */
    public static Object parse(String text) {
        return parse(text, 0, text.length());
    }

    /**
     * Parses one JSON value that must span {@code text[from, to)} (e.g. one line of a JSONL batch, with no copy of it).
     * A {@link JsonException}'s offset counts from the start of the text, not from {@code from}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= text.length()}
     */
    public static Object parse(String text, int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, text.length());
        return new Json(text, null, from, to, false, false).whole();
    }

    /** The one value that spans the text, surrounding whitespace allowed. */
    private Object whole() {
        skipWhitespace();
        Object value = value();
        skipWhitespace();
        if (pos != n) throw error("unexpected extra data");
        return value;
    }

    /**
     * Parses the JSON value that makes up the line starting at {@code text[from]} in one pass, finding the line's end
     * on the way (JSONL reading: no separate scan for line ends). The line ends at the first '\n' or '\r' or at
     * {@code to}; only spaces and tabs may surround the value. Sets {@code end[0]} to the index of the line end and
     * returns the value, which is then what {@link #parse(String, int, int)} gives for the line; or sets {@code end[0]}
     * to -1 (the result is then meaningless) for any other line (blank, malformed, holding other whitespace or a byte
     * order mark), which the caller parses the ordinary way.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= text.length()}
     */
    public static Object parseLine(String text, int from, int to, int[] end) {
        java.util.Objects.checkFromToIndex(from, to, text.length());
        return new Json(text, null, from, to, true, true).line(end);
    }

    /**
     * {@link #parseLine(String, int, int, int[])} on UTF-8 bytes: the line's value is what that method gives for the
     * line's decoded text, and {@code end[0]} the byte index of the line end. A line whose strings hold bytes that are
     * not UTF-8 is one of the others ({@code end[0]} -1; a real U+FFFD is read as any other character),
     * so a caller that parses those the ordinary way reports its bytes as a decoder does.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= bytes.length}
     */
    public static Object parseLine(byte[] bytes, int from, int to, int[] end) {
        java.util.Objects.checkFromToIndex(from, to, bytes.length);
        return new Json(null, bytes, from, to, true, true).line(end);
    }

    private Object line(int[] end) {
        end[0] = -1;
        try {
            skipWhitespace();
            if (pos == n || at(pos) == '\n' || at(pos) == '\r') return null;  // blank
            Object value = value();
            skipWhitespace();
            if (pos < n && at(pos) != '\n' && at(pos) != '\r') return null;
            end[0] = pos;
            return value;
        } catch (JsonException e) {
            return null;
        }
    }

    /** The char at i; a byte's value for the bytes, whose JSON punctuation and literals are all ASCII. */
    private char at(int i) {
        return b != null ? (char) (b[i] & 0xFF) : s.charAt(i);
    }

    /** The text at {@code [from, to)}, which is ASCII in the bytes (a number). */
    private String text(int from, int to) {
        return b != null ? new String(b, from, to - from, StandardCharsets.ISO_8859_1) : s.substring(from, to);
    }

    /** True when Python's {@code json.loads} would accept the text (see {@link #MAX_NESTING}). */
    public static boolean isValid(String text) {
        try {
            new Json(text, null, 0, text.length(), false, true).whole();
            return true;
        } catch (JsonException e) {
            return false;
        }
    }

    private JsonException error(String message) {
        return error(message, pos);
    }

    private JsonException error(String message, int at) {
        return new JsonException(message, at, !quiet);
    }

    private void skipWhitespace() {
        while (pos < n) {
            char c = at(pos);
            if (c != ' ' && c != '\t' && (line || c != '\n' && c != '\r')) return;
            pos++;
        }
    }

    /**
     * One value, with an explicit stack of the open containers: {@code open[d]} is a list or a map,
     * and {@code keys[d]} the key its next value goes under when it is a map.
     */
    private Object value() {
        Decoded scratch = decoded();
        try {
            return value(scratch);
        } catch (JsonException e) {
            Arrays.fill(scratch.open, null);
            throw e;
        }
    }

    /** {@link #value()} with the thread's stack arrays, left empty again (a new pair per line was 3% of eval's allocation). */
    private Object value(Decoded scratch) {
        Object[] open = scratch.open;
        String[] keys = scratch.keys;
        int depth = 0;
        while (true) {
            Object v;
            if (pos >= n) throw error("expecting a value");
            char c = at(pos);
            if (c == '{' || c == '[') {
                if (depth == MAX_NESTING) throw error("nesting deeper than " + MAX_NESTING + " levels");
                pos++;
                skipWhitespace();
                boolean isMap = c == '{';
                if (pos < n && at(pos) == (isMap ? '}' : ']')) {
                    pos++;
                    v = isMap ? new JsonObject() : new ArrayList<>();
                } else {
                    if (depth == open.length) {
                        open = scratch.open = Arrays.copyOf(open, depth * 2);
                        keys = scratch.keys = Arrays.copyOf(keys, depth * 2);
                    }
                    open[depth] = isMap ? new JsonObject() : new ArrayList<>();
                    if (isMap) keys[depth] = key();
                    depth++;
                    continue;
                }
            } else {
                v = scalar(c);
            }
            // v is complete: add it to the innermost open container, closing those that end here.
            while (true) {
                if (depth == 0) return v;
                Object container = open[depth - 1];
                // Exact classes: C1 tests an interface (Map, List) by a scan of the class's supertypes.
                boolean isMap = container instanceof JsonObject;
                if (isMap) {
                    ((JsonObject) container).put(keys[depth - 1], v);
                } else {
                    @SuppressWarnings("unchecked")
                    ArrayList<Object> list = (ArrayList<Object>) container;
                    list.add(v);
                }
                skipWhitespace();
                if (pos >= n) throw error("expecting ',' delimiter");
                char d = at(pos);
                if (d == ',') {
                    pos++;
                    skipWhitespace();
                    if (isMap) keys[depth - 1] = key();
                    break;
                }
                if (d != (isMap ? '}' : ']')) throw error("expecting ',' delimiter");
                pos++;
                v = container;
                open[--depth] = null;
            }
        }
    }

    /** A property name, its ':' and the whitespace after it. */
    private String key() {
        if (pos >= n || at(pos) != '"') throw error("expecting a property name in double quotes");
        String key = b != null ? bytesString(true) : string();
        skipWhitespace();
        if (pos >= n || at(pos) != ':') throw error("expecting ':' delimiter");
        pos++;
        skipWhitespace();
        return key;
    }

    private Object scalar(char c) {
        return switch (c) {
            case '"' -> b != null ? bytesString(false) : string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            case 'N' -> literal("NaN", Double.NaN);
            case 'I' -> literal("Infinity", Double.POSITIVE_INFINITY);
            default -> {
                if (c == '-' && startsWith("-Infinity")) yield literal("-Infinity", Double.NEGATIVE_INFINITY);
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error("expecting a value");
            }
        };
    }

    /** Whether the word is at pos, within the parsed range. */
    private boolean startsWith(String word) {
        if (pos + word.length() > n) return false;
        for (int k = 0; k < word.length(); k++) if (at(pos + k) != word.charAt(k)) return false;
        return true;
    }

    private Object literal(String word, Object value) {
        if (!startsWith(word)) throw error("expecting a value");
        pos += word.length();
        return value;
    }

    private String string() {
        int start = ++pos;
        int i = start;
        int or = 0;  // the chars of the run so far, or'ed: above 0xFF when one is beyond Latin-1
        // Fast path: no escapes.
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                pos = i + 1;
                return s.substring(start, i);
            }
            if (c == '\\' || c < 0x20) break;
            or |= c;
            i++;
        }
        Decoded d = decoded();
        d.clear();
        int run = start;
        while (true) {
            while (i < n) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\' || c < 0x20) break;
                or |= c;
                i++;
            }
            d.append(s, run, i, or > 0xFF);
            if (i >= n) throw error("unterminated string", start - 1);
            char c = s.charAt(i);
            if (c == '"') {
                pos = i + 1;
                return d.toString();
            }
            if (c < 0x20) {
                pos = i;
                throw error("invalid control character in string");
            }
            i = escape(d, i, start);
            run = i;
            or = 0;
        }
    }

    /**
     * A string from the bytes: its ASCII runs (found eight bytes at a time, {@link PlainBytes#end}) copied as they are,
     * its other runs decoded as UTF-8, escapes as in {@link #string}. {@code key}: a property name, taken from the
     * thread's names read before when it is one of them.
     *
     * <p>An escaped string is decoded in this one loop into the thread's buffer ({@link Decoded}), held in locals: a
     * run is one array copy into the Latin-1 bytes (a char loop into the UTF-16 chars once a char above U+00FF came), a
     * simple escape one table look-up and one store. The 54,100-row eval's responses.jsonl (84 MB) holds 1.05 million
     * simple escapes (mostly {@code \n}, one every ~44 bytes) and 0.86 million {@code \u005CuXXXX}, nearly all in 4,800
     * wide lines, where a run and an escape were three calls or more (the buffer's appends, the escape's decoding and
     * the wide buffer's room check). A pure parse of its lines (thread CPU time, C1, passes 2-8 of 5 JVMs each, taking
     * turns on 2 loaded cores) took a median per JVM of 127-193 ms with the calls and 121-169 ms with this loop and
     * {@link #hex4}'s table.
     *
     * @throws JsonException also where a run is not UTF-8 (see {@link #parseLine(byte[], int, int, int[])})
     */
    private String bytesString(boolean key) {
        int start = ++pos;
        byte[] b = this.b;
        int i = PlainBytes.end(b, start, n, false);
        if (i < n && b[i] == '"') {
            pos = i + 1;
            return key ? decoded().name(b, start, i) : new String(b, start, i - start, StandardCharsets.ISO_8859_1);
        }
        Decoded d = decoded();
        d.clear();
        // The string so far is latin1[0, length), or else utf16[0, length) once a char above U+00FF came (utf16 not
        // null); either has room for one more char after each run, the char of the escape that ends it.
        byte[] latin1 = d.latin1;
        char[] utf16 = null;
        int length = 0;
        int run = start;  // [run, i) is ASCII not yet copied
        while (true) {
            if (i < n && b[i] < 0) {  // a run with other UTF-8 bytes: decoded whole, from the last escape
                while (i < n) {
                    int c = b[i] & 0xFF;
                    if (c == '"' || c == '\\' || c < 0x20) break;
                    i++;
                }
                String utf8 = new String(b, run, i - run, StandardCharsets.UTF_8);
                if (utf8.indexOf('\uFFFD') >= 0 && !validUtf8(b, run, i)) throw error("not UTF-8", run);
                int or = 0;
                for (int k = 0; k < utf8.length(); k++) or |= utf8.charAt(k);
                d.length = length;
                d.wide = utf16 != null;
                d.append(utf8, 0, utf8.length(), or > 0xFF);
                length = d.length;
                latin1 = d.latin1;
                utf16 = d.wide ? d.utf16 : null;
                run = i;
            }
            int k = i - run;
            if (utf16 == null) {
                if (length + k >= latin1.length) {
                    latin1 = d.latin1 = Arrays.copyOf(latin1, Math.max(latin1.length * 2, length + k + 1));
                }
                System.arraycopy(b, run, latin1, length, k);
            } else {
                if (length + k >= utf16.length) {
                    utf16 = d.utf16 = Arrays.copyOf(utf16, Math.max(utf16.length * 2, length + k + 1));
                }
                for (int j = 0; j < k; j++) utf16[length + j] = (char) b[run + j];
            }
            length += k;
            if (i >= n) throw error("unterminated string", start - 1);
            int c = b[i];
            if (c == '"') {
                pos = i + 1;
                d.length = length;
                d.wide = utf16 != null;
                return d.toString();
            }
            if (c != '\\') {
                pos = i;
                throw error("invalid control character in string");
            }
            if (i + 1 >= n) throw error("unterminated string", start - 1);
            int code = ESCAPED[b[i + 1] & 0xFF];
            if (code != 0) {
                i += 2;
            } else {
                code = unicodeEscape(b[i + 1], i);
                i += 6;
            }
            if (utf16 != null) {
                utf16[length++] = (char) code;
            } else if (code <= 0xFF) {
                latin1[length++] = (byte) code;
            } else {
                d.length = length;
                d.wide = false;
                d.widen(1);
                utf16 = d.utf16;
                utf16[length++] = (char) code;
            }
            run = i;
            i = PlainBytes.end(b, i, n, false);
        }
    }

    /**
     * Whether the bytes are well-formed UTF-8: asked only when their lenient decoding holds a U+FFFD, which is either a
     * real one (model outputs often hold it) or a malformed sequence; only the latter sends the batch to the text path.
     */
    private static boolean validUtf8(byte[] b, int from, int to) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b, from, to - from));  // REPORT is its default
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private Decoded decoded() {
        return decoded == null ? decoded = DECODED.get() : decoded;
    }

    /**
     * Decodes the escape whose backslash is at i into {@code d}; returns the index after it. {@code start}: the
     * string's first char, for the error of an unterminated one.
     */
    private int escape(Decoded d, int i, int start) {
        if (i + 1 >= n) throw error("unterminated string", start - 1);
        char e = at(i + 1);
        char code = e < 0x80 ? ESCAPED[e] : 0;
        if (code != 0) {
            d.append(code);
            return i + 2;
        }
        d.append((char) unicodeEscape(e, i));
        return i + 6;
    }

    /**
     * The char of the escape whose backslash is at i and is not a one-char escape: {@code \u005CuXXXX} ({@code e}, the
     * char after the backslash, being 'u'), else the error an unknown escape gives.
     */
    private int unicodeEscape(int e, int i) {
        if (e == 'u') return escapeU(i + 2);
        pos = i;
        throw error("invalid \\escape");
    }

    /** The char of each one-char escape ({@code \"}, {@code \n}, ...), by the char after the backslash; else 0. */
    private static final char[] ESCAPED = new char[256];

    static {
        String from = "\"\\/bfnrt";
        String to = "\"\\/\b\f\n\r\t";
        for (int k = 0; k < from.length(); k++) ESCAPED[from.charAt(k)] = to.charAt(k);
    }

    /**
     * The char of the {@code \u005Cu} escape whose four hex digits start at i.
     *
     * @throws JsonException "invalid \u005CuXXXX escape" at i unless four hex digits are there
     */
    private int escapeU(int i) {
        int code = i + 4 <= n ? hex4(i) : -1;
        if (code < 0) {
            pos = i;
            throw error("invalid \\uXXXX escape");
        }
        return code;
    }

    /**
     * Per thread, the buffer escaped strings are decoded into (with the stack of open containers and the property names
     * read from bytes): JSONL files are parsed a line at a time, so a buffer per parse was made and grown to a
     * response's length on every line (4% of what jack score allocated).
     */
    private static final ThreadLocal<Decoded> DECODED = ThreadLocal.withInitial(Decoded::new);

    /**
     * A string's value as its escapes are decoded, reused for the strings of one thread. StringBuilder copies a Latin-1
     * run into a builder that went UTF-16 (after an escape such as {@code \u2019}) char by char, which costs most of a
     * JSONL read under C1 (eval's JIT); here runs are array copies into Latin-1 bytes while every char fits, and go
     * into UTF-16 chars from the first one that does not.
     */
    private static final class Decoded {
        private byte[] latin1 = new byte[256];
        /**
         * The chars once one above U+00FF came ({@link #wide}); kept for the thread's later strings, as {@link #latin1}
         * is (a new array for each such string was 3% of what {@code jack eval} allocated on 54,100 rows).
         */
        private char[] utf16 = new char[0];
        /** Whether this string's chars are in {@link #utf16} (one above U+00FF came). */
        private boolean wide;
        private int length;

        /** Empties the buffer; one grown past 2^20 bytes or chars (a megabyte, two) by a long string goes back to its first size. */
        void clear() {
            wide = false;
            length = 0;
            if (latin1.length > 1 << 20) latin1 = new byte[256];
            if (utf16.length > 1 << 20) utf16 = new char[0];
        }

        /** Appends {@code s[from, to)}; {@code wide}: whether a char in it is above U+00FF. */
        @SuppressWarnings("deprecation")
        void append(String s, int from, int to, boolean wide) {
            int k = to - from;
            if (!this.wide && !wide) {
                if (length + k > latin1.length) latin1 = Arrays.copyOf(latin1, Math.max(latin1.length * 2, length + k));
                s.getBytes(from, to, latin1, length);  // the deprecated getBytes is exactly the Latin-1 copy wanted
            } else {
                widen(k);
                s.getChars(from, to, utf16, length);
            }
            length += k;
        }

        /** Property names read from bytes before, by a hash of their bytes: a row's keys are one string each per thread. */
        private final byte[][] nameBytes = new byte[64][];
        private final String[] names = new String[64];

        /** {@link #value}'s open containers and their keys: empty between values. */
        private Object[] open = new Object[8];
        private String[] keys = new String[8];

        /** The ASCII property name {@code b[from, to)}, the one made before where it was (no new string per row). */
        String name(byte[] b, int from, int to) {
            int k = to - from;
            if (k == 0 || k > 64) return new String(b, from, k, StandardCharsets.ISO_8859_1);
            int slot = (k * 31 + b[from] * 7 + b[to - 1] + b[from + k / 2] * 3) & 63;
            byte[] known = nameBytes[slot];
            if (known != null && Arrays.equals(known, 0, known.length, b, from, to)) return names[slot];
            String name = new String(b, from, k, StandardCharsets.ISO_8859_1);
            nameBytes[slot] = Arrays.copyOfRange(b, from, to);
            names[slot] = name;
            return name;
        }

        void append(char c) {
            if (!wide && c <= 0xFF) {
                if (length == latin1.length) latin1 = Arrays.copyOf(latin1, length * 2);
                latin1[length] = (byte) c;
            } else {
                widen(1);
                utf16[length] = c;
            }
            length++;
        }

        /** Room for {@code more} chars in {@link #utf16}, made from the Latin-1 bytes on first use. */
        private void widen(int more) {
            if (!wide) {
                wide = true;
                if (utf16.length < length + more) utf16 = new char[Math.max(64, Math.max(length * 2, length + more))];
                for (int i = 0; i < length; i++) utf16[i] = (char) (latin1[i] & 0xFF);
            } else if (length + more > utf16.length) {
                utf16 = Arrays.copyOf(utf16, Math.max(utf16.length * 2, length + more));
            }
        }

        /**
         * The builder a wide string is made with ({@link #toString}), UTF-16 from the start (so that it takes the
         * chars with one compiled copy loop) and empty between strings; a new one where a long string grew it past
         * 2^20 chars. new String(char[]) tries Latin-1 up to the first wide char and then copies the chars in
         * StringUTF16.toBytes, which a 54,100-row eval with the launcher's AOT cache never compiled
         * (-XX:+PrintCompilation; without the cache C1 does): 0.3-3.3% of its CPU time in 3 profiles, against
         * 0.4-1.0% for the builder's copy and its own Latin-1 attempt in 2. Compiled, the two cost about the same
         * (1,201-char strings, C1: 39-59 ms against 39-46 ms for 20,000).
         */
        private StringBuilder wideText;

        @Override
        public String toString() {
            if (!wide) return new String(latin1, 0, length, StandardCharsets.ISO_8859_1);
            if (wideText == null || wideText.capacity() > 1 << 20) {
                wideText = new StringBuilder(Math.max(64, length)).append('\u0100');
                wideText.setLength(0);
            }
            String s = wideText.append(utf16, 0, length).toString();
            wideText.setLength(0);
            return s;
        }
    }

    /**
     * The value of four ASCII hex digits at i, or -1: each digit's value from a table, the bytes read without
     * {@link #at} (three range tests a digit through {@code at} were 3-6% of a pure parse of eval's responses.jsonl
     * under C1, whose {@code \u005CuXXXX} escapes are 0.86 million).
     */
    private int hex4(int i) {
        int d0, d1, d2, d3;
        if (b != null) {
            d0 = HEX[b[i] & 0xFF];
            d1 = HEX[b[i + 1] & 0xFF];
            d2 = HEX[b[i + 2] & 0xFF];
            d3 = HEX[b[i + 3] & 0xFF];
        } else {
            d0 = hex(s.charAt(i));
            d1 = hex(s.charAt(i + 1));
            d2 = hex(s.charAt(i + 2));
            d3 = hex(s.charAt(i + 3));
        }
        return (d0 | d1 | d2 | d3) < 0 ? -1 : d0 << 12 | d1 << 8 | d2 << 4 | d3;
    }

    /** The char's value as a hex digit, or -1. */
    private static int hex(char c) {
        return c < 0x100 ? HEX[c] : -1;
    }

    /** Each byte's (Latin-1 char's) value as a hex digit, -1 where it is none. */
    private static final byte[] HEX = new byte[0x100];

    static {
        Arrays.fill(HEX, (byte) -1);
        for (int k = 0; k < 16; k++) HEX["0123456789abcdef".charAt(k)] = HEX["0123456789ABCDEF".charAt(k)] = (byte) k;
    }

    /** Python's number grammar: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?}, with backtracking on a bare exponent. */
    private Object number() {
        int start = pos;
        boolean negative = at(pos) == '-';
        if (negative) pos++;
        if (pos >= n || !isDigit(at(pos))) {
            pos = start;
            throw error("expecting a value");
        }
        int digitsStart = pos;
        if (at(pos) == '0') pos++;
        else while (pos < n && isDigit(at(pos))) pos++;
        int digitsEnd = pos;
        boolean integral = true;
        if (pos + 1 < n && at(pos) == '.' && isDigit(at(pos + 1))) {
            integral = false;
            pos += 2;
            while (pos < n && isDigit(at(pos))) pos++;
        }
        if (pos < n && (at(pos) == 'e' || at(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < n && (at(pos) == '+' || at(pos) == '-')) pos++;
            if (pos < n && isDigit(at(pos))) {
                integral = false;
                while (pos < n && isDigit(at(pos))) pos++;
            } else {
                pos = mark;
            }
        }
        if (!integral) return Double.parseDouble(text(start, pos));
        int digits = digitsEnd - digitsStart;
        if (digits <= 18) {
            long value = 0;
            for (int i = digitsStart; i < digitsEnd; i++) value = value * 10 + (at(i) - '0');
            return negative ? -value : value;
        }
        if (digits > MAX_INT_DIGITS) {
            JsonException e = error("integer of " + digits + " digits exceeds Python's limit of "
                    + MAX_INT_DIGITS + " for integer string conversion", start);
            pos = start;
            throw e;
        }
        BigInteger big = new BigInteger(text(start, pos));
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
