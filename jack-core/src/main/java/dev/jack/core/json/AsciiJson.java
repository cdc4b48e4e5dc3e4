package dev.jack.core.json;

import dev.jack.core.Latin1;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A growable buffer of JSON text as Python's {@code json.dumps} writes it (see {@link PyJson}): ASCII only, so each char
 * is one byte and the buffer goes to a file as it is. For output files of hundreds of megabytes (eval results repeat
 * every prompt and response): strings are escaped straight into bytes, with no StringBuilder, String or encoding step
 * between them and the file. Not thread-safe.
 */
public final class AsciiJson {
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private byte[] bytes;
    private int length;
    /**
     * Map keys written lately, each with its bytes as written ({@code "key": }), by the key's hash: the rows of a file
     * repeat their keys (a score row has about fifteen), which are then copied rather than escaped again. Made once the
     * buffer has written {@link #PLAIN_KEYS} keys without it: a buffer that writes one small map, as {@link PyJson#dumps}
     * of a prompt's kwargs, would only pay for the table.
     */
    private String[] keys;
    private byte[][] keyBytes;
    private static final int PLAIN_KEYS = 64;
    /** Keys written before {@link #keys} was made. */
    private int plainKeys;
    /**
     * Floats written lately and their {@code repr} as bytes, by their bits: a score file's rewards and rates are a few
     * fractions, repeated, whose shortest digits ({@link Double#toString}, then a String to copy) were about 1% of
     * {@code jack score}'s samples.
     */
    private long[] floatBits;
    private byte[][] floatReprs;

    /** An empty buffer with room for {@code capacity} bytes (it grows as needed). */
    public AsciiJson(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    /** The bytes written so far. */
    public int length() {
        return length;
    }

    /** The room the buffer has now, in bytes. */
    public int capacity() {
        return bytes.length;
    }

    /** Empties the buffer, keeping its room. */
    public void clear() {
        length = 0;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }

    /** Appends text that is ASCII and needs no escape (JSON punctuation, literals). */
    public AsciiJson raw(String ascii) {
        int n = ascii.length();
        ensure(n);
        ascii.getBytes(0, n, bytes, length);  // the deprecated getBytes is exactly the ASCII copy wanted
        length += n;
        return this;
    }

    /** Appends another buffer's bytes. */
    public AsciiJson raw(AsciiJson other) {
        ensure(other.length);
        System.arraycopy(other.bytes, 0, bytes, length, other.length);
        length += other.length;
        return this;
    }

    /** Appends bytes that are ASCII JSON already (e.g. another buffer's {@link #toBytes}). */
    public AsciiJson raw(byte[] ascii) {
        ensure(ascii.length);
        System.arraycopy(ascii, 0, bytes, length, ascii.length);
        length += ascii.length;
        return this;
    }

    /**
     * Appends {@code json.dumps(value)} as {@link PyJson#dumps} defines it: maps (String keys, in iteration order), lists,
     * strings, booleans, null, and numbers (floats as {@code repr}; NaN and the infinities as {@code null}).
     *
     * @throws IllegalArgumentException for another type
     */
    public AsciiJson value(Object value) {
        // An instanceof chain, not a pattern switch: the switch's type dispatch (SwitchBootstraps) cost more than the
        // writing in jack score, which writes every field of every row through here (384,000 rows: 2% of its samples).
        if (value == null) return raw(NULL);
        if (value instanceof String s) return string(s);
        if (value instanceof Boolean bool) return bool(bool);
        if (value instanceof Integer i) return integer(i);
        if (value instanceof Long l) return integer(l);
        if (value instanceof Double d) return floating(d);
        if (value instanceof Map<?, ?> map) {
            put('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) put(',', ' ');
                first = false;
                key((String) e.getKey());
                value(e.getValue());
            }
            return put('}');
        }
        if (value instanceof List<?> list) {
            put('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) put(',', ' ');
                value(list.get(i));
            }
            return put(']');
        }
        if (value instanceof Float f && !Float.isFinite(f)) return raw(NULL);
        if (value instanceof Number n) return raw(n.toString());
        throw new IllegalArgumentException("not JSON-serializable: " + value.getClass());
    }

    /**
     * Starts a JSON object whose fields are then written one at a time with {@link #field} (no map made for a row that is
     * written once: score's rows were a map of twenty entries each); {@link #endObject} closes it. The bytes are those
     * {@link #value} writes for a map with the same entries in the same order, provided no key is given twice.
     */
    public AsciiJson beginObject() {
        return put('{');
    }

    /** Appends a field of the object {@link #beginObject} started: {@code , } before all but the first, {@code "key": value}. */
    public AsciiJson field(String key, Object value) {
        if (bytes[length - 1] != '{') put(',', ' ');  // only an object's opening brace is written right before its first field
        key(key);
        return value(value);
    }

    /** Closes the object {@link #beginObject} started. */
    public AsciiJson endObject() {
        return put('}');
    }

    /** Appends {@code "key": }, from {@link #keys} when this key was written lately. */
    private void key(String key) {
        if (keys == null) {
            if (++plainKeys <= PLAIN_KEYS) {
                string(key);
                put(':', ' ');
                return;
            }
            keys = new String[32];
            keyBytes = new byte[32][];
        }
        int slot = key.hashCode() & (keys.length - 1);
        if (key.equals(keys[slot])) {
            raw(keyBytes[slot]);
            return;
        }
        int start = length;
        string(key);
        put(':', ' ');
        keys[slot] = key;
        keyBytes[slot] = Arrays.copyOfRange(bytes, start, length);
    }

    /** Appends {@code repr(d)}, or {@code null} for NaN and the infinities (see {@link PyJson#dumps}). */
    private AsciiJson floating(double d) {
        if (!Double.isFinite(d)) return raw(NULL);
        if (floatBits == null) {
            floatBits = new long[32];
            floatReprs = new byte[32][];
        }
        long bits = Double.doubleToRawLongBits(d);
        // Mixed so that fractions (whose low mantissa bits are zero) spread over the slots.
        int slot = (int) ((bits * 0x9e3779b97f4a7c15L) >>> 59);
        byte[] repr = floatReprs[slot];
        if (repr == null || floatBits[slot] != bits) {
            repr = PyFloat.repr(d).getBytes(StandardCharsets.US_ASCII);
            floatBits[slot] = bits;
            floatReprs[slot] = repr;
        }
        return raw(repr);
    }

    /** Appends a whole number in decimal, as {@code Long.toString} writes it, without making the string. */
    public AsciiJson integer(long n) {
        if (n == Long.MIN_VALUE) return raw(Long.toString(n));
        ensure(20);
        if (n < 0) {
            bytes[length++] = '-';
            n = -n;
        }
        int digits = 1;
        for (long rest = n / 10; rest != 0; rest /= 10) digits++;
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        length += digits;
        return this;
    }

    /** Appends {@code true} or {@code false}. */
    public AsciiJson bool(boolean b) {
        return raw(b ? TRUE : FALSE);
    }

    /** Appends {@code json.dumps(list)}, each item written by {@code item} (e.g. {@code b::string}). */
    public <T> AsciiJson list(List<T> items, Consumer<? super T> item) {
        put('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) put(',', ' ');
            item.accept(items.get(i));
        }
        return put(']');
    }

    /**
     * Appends one ASCII char: JSON's brackets, stored directly (through {@link #raw(String)} each cost a bounds-checked
     * String.getBytes call, and score writes some forty per row).
     */
    private AsciiJson put(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** Appends two ASCII chars: the separators ", " and ": ", as {@link #put(char)}. */
    private AsciiJson put(char a, char b) {
        ensure(2);
        bytes[length] = (byte) a;
        bytes[length + 1] = (byte) b;
        length += 2;
        return this;
    }

    /**
     * Appends {@code json.dumps(s)}: the string quoted, escaped as {@link PyJson#writeString} escapes it. A string of
     * {@link Latin1#WORTH_COPYING} chars or more that is Latin-1 inside ({@link Latin1#is}) is copied into
     * {@link #chars} first and its runs found there eight bytes at a time ({@link PlainBytes#end}); any other is
     * scanned char by char ({@link #plainEnd}). Each run before an escape is then copied whole (an array copy, or
     * String.getBytes's for a Latin-1 string).
     *
     * <p>C1 (eval's JIT) compiles the char loop as it is written, the string's coder and bounds checked for every char:
     * the copy and the byte scan cost less than half as much (the whole loop over 20,000 response lines of a 54,100-row
     * eval, C1, an AMD EPYC core: 40-48 ms against 76-95 ms; strings cut to 32 chars: 8.3-9.7 ms against 8.9-9.7 ms, to
     * 64: 10-11 ms against 15-16 ms, hence the threshold). Dropped: copying the rest of the string straight into the
     * buffer and scanning it there (66-77 ms: the rest is copied again after every escape).
     */
    @SuppressWarnings("deprecation")
    public AsciiJson string(String s) {
        int n = s.length();
        byte[] copied = n >= Latin1.WORTH_COPYING ? chars.of(s) : null;
        ensure(n + 2);
        byte[] out = bytes;
        int at = length;
        out[at++] = '"';
        int run = 0;
        while (true) {
            int i = copied != null ? PlainBytes.end(copied, run, n, true) : plainEnd(s, run, n);
            int k = i - run;
            // Room for the run, an escape (6 bytes) and the closing quote; growing makes room for the rest unescaped.
            if (at + k + 7 > out.length) out = grow(at, n - run + 7);
            // ASCII chars that need no escape: the deprecated getBytes copies them exactly
            if (copied != null) System.arraycopy(copied, run, out, at, k);
            else s.getBytes(run, i, out, at);
            at += k;
            if (i == n) break;
            at = escape(out, at, s.charAt(i));
            run = i + 1;
        }
        out[at++] = '"';
        length = at;
        return this;
    }

    /** The Latin-1 chars of the string {@link #string} writes, when it copies them. */
    private final Latin1.Copy chars = new Latin1.Copy();

    /**
     * The index of the first char at or after {@code from} that needs an escape (not printable ASCII, '"' or '\\'),
     * else n. A tight loop of its own (no call inside it, so that C2 keeps the string's array and coder in registers
     * and drops its bounds checks): in a loop that also copied, C2 reloaded the string and checked each index
     * (score: 6% of its samples in charAt's check).
     */
    private static int plainEnd(String s, int from, int n) {
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            // Below 0x20 wraps round to 0xffe0 and up: one unsigned compare keeps exactly 0x20..0x7e.
            if ((char) (c - 0x20) >= 0x7f - 0x20 || c == '"' || c == '\\') return i;
        }
        return n;
    }

    /** Writes the escape of {@code c} (a char {@link #plainEnd} stopped at) at {@code at}; returns the index after it. */
    private static int escape(byte[] out, int at, char c) {
        char escape = c < 128 ? PyJson.ASCII_ESCAPE[c] : 'u';
        out[at++] = '\\';
        if (escape != 'u') {
            out[at++] = (byte) escape;
            return at;
        }
        out[at++] = 'u';
        out[at++] = (byte) PyJson.HEX[c >> 12];
        out[at++] = (byte) PyJson.HEX[(c >> 8) & 15];
        out[at++] = (byte) PyJson.HEX[(c >> 4) & 15];
        out[at++] = (byte) PyJson.HEX[c & 15];
        return at;
    }

    /** Grows the array for {@code more} bytes after {@code at}, the bytes written so far kept. */
    private byte[] grow(int at, int more) {
        length = at;
        ensure(more);
        return bytes;
    }

    /** Writes the buffer's bytes to the stream (the buffer keeps them). */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    /** A copy of the bytes written so far. */
    public byte[] toBytes() {
        return Arrays.copyOf(bytes, length);
    }

    /** The bytes as a string (each an ASCII char). */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }
}
