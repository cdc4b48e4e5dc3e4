package dev.jack.core.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintRegistry;
import dev.jack.core.constraint.ParameterException;
import dev.jack.core.constraint.UnknownConstraintException;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.json.Json;
import dev.jack.core.json.JsonException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * open-instruct's {@code ground_truth} label for IF-RLVR rows, read as its {@code IFEvalVerifier} reads
 * it: {@code ast.literal_eval(label)[0]} (a JSON string there is decoded), holding the list
 * {@code instruction_id} and the parallel list {@code kwargs} (None for no kwargs), e.g.
 * {@code [{'instruction_id': ['copy:repeat_phrase'], 'kwargs': [{'phrase': 'The early bird', 'small_n': 2}]}]}.
 * The Python literal grammar is hand-written: strings (all quote styles, escapes, r prefix, adjacent
 * ones joined), numbers, True/False/None, lists, tuples and dicts.
 */
public final class GroundTruth {
    private GroundTruth() {}

    /** One constraint of a label: its id and raw kwargs (None became an empty map). */
    public record Entry(String instructionId, Map<String, Object> kwargs) {}

    /** A label that is not what the verifier reads; the message says what is wrong. */
    public static final class LabelException extends IllegalArgumentException {
        LabelException(String message) {
            super(message);
        }
    }

    /**
     * The constraints of a label.
     *
     * @throws LabelException when the label is not a Python literal list whose first element is a dict
     *                        (or JSON object text) with equally long instruction_id and kwargs lists
     */
    public static List<Entry> parse(String label) {
        Object value = new Literal(label).parseAll();
        if (!(value instanceof List<?> outer) || outer.isEmpty()) throw new LabelException("must be a non-empty list, e.g. [{'instruction_id': [...], 'kwargs': [...]}]");
        Object first = outer.getFirst();
        if (first instanceof String json) {
            try {
                first = Json.parse(json);
            } catch (JsonException e) {
                throw new LabelException("its first element is a string that is not JSON: " + e.getMessage());
            }
        }
        if (!(first instanceof Map<?, ?> constraint)) throw new LabelException("its first element must be a dict");
        if (!(constraint.get("instruction_id") instanceof List<?> ids)) throw new LabelException("'instruction_id' must be a list of ids");
        if (!(constraint.get("kwargs") instanceof List<?> kwargs)) throw new LabelException("'kwargs' must be a list");
        if (ids.size() != kwargs.size()) {
            throw new LabelException("'kwargs' has " + kwargs.size() + " entries but 'instruction_id' has " + ids.size());
        }
        List<Entry> entries = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            if (!(ids.get(i) instanceof String id)) throw new LabelException("'instruction_id'[" + i + "] must be a string");
            Object args = kwargs.get(i);
            if (args == null) args = Map.of();
            if (!(args instanceof Map<?, ?> map)) throw new LabelException("'kwargs'[" + i + "] must be a dict or None");
            Map<String, Object> typed = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String name)) throw new LabelException("'kwargs'[" + i + "] has a key that is not a string: " + e.getKey());
                typed.put(name, e.getValue());
            }
            entries.add(new Entry(id, typed));
        }
        return entries;
    }

    /**
     * The constraints of the label in a row's field (IFEval's 25 and IFEvalG's 29 are all registered, as in
     * IFEvalG's registry).
     *
     * @throws dev.jack.core.data.DataFileException naming the file, line and field for a missing or malformed label,
     *                                              an unknown id ({@code ground_truth[0].instruction_id[1]}) or bad kwargs
     *                                              ({@code ground_truth[0].kwargs[1].N})
     */
    public static List<Constraint> constraints(JsonlReader.Row row, String field) {
        List<Entry> entries;
        try {
            entries = parse(row.string(field));
        } catch (LabelException e) {
            throw row.error(field, e.getMessage());
        }
        List<Constraint> constraints = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            try {
                constraints.add(ConstraintRegistry.create(e.instructionId(), e.kwargs()));
            } catch (UnknownConstraintException x) {
                throw row.error(field + "[0].instruction_id[" + i + "]", x.getMessage());
            } catch (ParameterException x) {
                throw row.error(field + "[0].kwargs[" + i + "]." + x.field(), x.reason() + " (constraint " + e.instructionId() + ")");
            }
        }
        return List.copyOf(constraints);
    }

    /** A parser for the Python literals {@code ast.literal_eval} accepts that labels use. */
    private static final class Literal {
        /**
         * The deepest nesting of brackets read: CPython's tokenizer refuses a 201st open bracket ("too many nested
         * parentheses", MAXLEVEL in Parser/tokenizer.c), and a deeper label would exhaust this parser's stack.
         */
        static final int MAX_NESTING = 200;
        private final String s;
        private int pos;
        private int nesting;

        Literal(String s) {
            this.s = s;
        }

        Object parseAll() {
            skip();
            Object v = value();
            skip();
            if (pos != s.length()) throw error("unexpected text");
            return v;
        }

        private LabelException error(String what) {
            return new LabelException("is not a Python literal: " + what + " at character " + pos);
        }

        private void skip() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') pos++;
                else if (c == '\\' && pos + 1 < s.length() && s.charAt(pos + 1) == '\n') pos += 2;
                else if (c == '#') {
                    while (pos < s.length() && s.charAt(pos) != '\n') pos++;
                } else return;
            }
        }

        private Object value() {
            if (pos >= s.length()) throw error("expecting a value");
            char c = s.charAt(pos);
            return switch (c) {
                case '[' -> nested(() -> sequence(']'));
                case '(' -> nested(() -> sequence(')'));
                case '{' -> nested(this::dict);
                case '\'', '"' -> strings();
                case '-', '+' -> {
                    // Signs in a row are read in a loop, not one level deeper each: 20,000 of them overflowed the stack.
                    boolean negative = false;
                    while (pos < s.length() && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
                        negative ^= s.charAt(pos) == '-';
                        pos++;
                        skip();
                    }
                    Object n = value();
                    if (n instanceof Long l) yield negative ? -l : l;
                    if (n instanceof Double d) yield negative ? -d : d;
                    throw error("a sign before something that is not a number");
                }
                default -> {
                    if (Character.isDigit(c) || c == '.') yield number();
                    if (Character.isLetter(c) || c == '_') yield name();
                    throw error("unexpected character '" + c + "'");
                }
            };
        }

        /** What {@code read} reads one level deeper. */
        private Object nested(Supplier<Object> read) {
            if (nesting == MAX_NESTING) throw error("nested more than " + MAX_NESTING + " deep (Python's parser stops there)");
            nesting++;
            Object v = read.get();
            nesting--;
            return v;
        }

        private List<Object> sequence(char close) {
            pos++;
            List<Object> items = new ArrayList<>();
            skip();
            while (true) {
                if (pos < s.length() && s.charAt(pos) == close) {
                    pos++;
                    return items;
                }
                items.add(value());
                skip();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    skip();
                } else if (pos >= s.length() || s.charAt(pos) != close) {
                    throw error("expecting ',' or '" + close + "'");
                }
            }
        }

        private Map<Object, Object> dict() {
            pos++;
            Map<Object, Object> map = new LinkedHashMap<>();
            skip();
            while (true) {
                if (pos < s.length() && s.charAt(pos) == '}') {
                    pos++;
                    return map;
                }
                Object key = value();
                skip();
                if (pos >= s.length() || s.charAt(pos) != ':') throw error("expecting ':' (sets are not supported)");
                pos++;
                skip();
                map.put(key, value());
                skip();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    skip();
                } else if (pos >= s.length() || s.charAt(pos) != '}') {
                    throw error("expecting ',' or '}'");
                }
            }
        }

        private Object name() {
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) pos++;
            String word = s.substring(start, pos);
            if ((word.equals("r") || word.equals("R") || word.equals("u") || word.equals("U")) && pos < s.length()
                    && (s.charAt(pos) == '\'' || s.charAt(pos) == '"')) {
                pos = start;
                return strings();
            }
            return switch (word) {
                case "True" -> Boolean.TRUE;
                case "False" -> Boolean.FALSE;
                case "None" -> null;
                default -> {
                    pos = start;
                    throw error("unexpected name '" + word + "'");
                }
            };
        }

        /** One or more adjacent string literals, joined. */
        private String strings() {
            StringBuilder b = new StringBuilder();
            do {
                boolean raw = false;
                char c = s.charAt(pos);
                if (c == 'r' || c == 'R') {
                    raw = true;
                    pos++;
                } else if (c == 'u' || c == 'U') {
                    pos++;
                }
                string(b, raw);
                skip();
            } while (pos < s.length() && startsString());
            return b.toString();
        }

        private boolean startsString() {
            char c = s.charAt(pos);
            if (c == '\'' || c == '"') return true;
            return (c == 'r' || c == 'R' || c == 'u' || c == 'U') && pos + 1 < s.length()
                    && (s.charAt(pos + 1) == '\'' || s.charAt(pos + 1) == '"');
        }

        private void string(StringBuilder b, boolean raw) {
            char quote = s.charAt(pos);
            boolean triple = s.startsWith(String.valueOf(quote).repeat(3), pos);
            pos += triple ? 3 : 1;
            while (true) {
                if (pos >= s.length()) throw error("unterminated string");
                char c = s.charAt(pos);
                if (c == quote && (!triple || s.startsWith(String.valueOf(quote).repeat(3), pos))) {
                    pos += triple ? 3 : 1;
                    return;
                }
                if (c == '\n' && !triple) throw error("unterminated string");
                if (c != '\\') {
                    b.append(c);
                    pos++;
                } else if (raw) {
                    // A raw string keeps the backslash; it still cannot end the string.
                    b.append(c);
                    if (pos + 1 < s.length()) b.append(s.charAt(pos + 1));
                    pos += 2;
                } else {
                    escape(b);
                }
            }
        }

        private void escape(StringBuilder b) {
            if (pos + 1 >= s.length()) throw error("unterminated string");
            char e = s.charAt(pos + 1);
            pos += 2;
            switch (e) {
                case '\n' -> { }
                case '\\', '\'', '"' -> b.append(e);
                case 'a' -> b.append('\u0007');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'v' -> b.append('\u000B');
                case 'x' -> b.appendCodePoint(hex(2));
                case 'u' -> b.appendCodePoint(hex(4));
                case 'U' -> b.appendCodePoint(hex(8));
                case 'N' -> {
                    int close = s.indexOf('}', pos);
                    if (pos >= s.length() || s.charAt(pos) != '{' || close < 0) throw error("malformed \\N{...} escape");
                    try {
                        b.appendCodePoint(Character.codePointOf(s.substring(pos + 1, close)));
                    } catch (IllegalArgumentException ex) {
                        throw error("unknown character name in \\N{...}");
                    }
                    pos = close + 1;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        for (int k = 0; k < 2 && pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '7'; k++) {
                            value = value * 8 + (s.charAt(pos++) - '0');
                        }
                        b.appendCodePoint(value);
                    } else {
                        b.append('\\').append(e);
                    }
                }
            }
        }

        private int hex(int digits) {
            if (pos + digits > s.length()) throw error("truncated escape");
            try {
                int value = Integer.parseUnsignedInt(s.substring(pos, pos + digits), 16);
                if (value > Character.MAX_CODE_POINT) throw error("escape out of range");
                pos += digits;
                return value;
            } catch (NumberFormatException ex) {
                throw error("malformed escape");
            }
        }

        private Object number() {
            int start = pos;
            if (s.startsWith("0x", pos) || s.startsWith("0X", pos) || s.startsWith("0o", pos) || s.startsWith("0O", pos)
                    || s.startsWith("0b", pos) || s.startsWith("0B", pos)) {
                char kind = Character.toLowerCase(s.charAt(pos + 1));
                pos += 2;
                int digitsStart = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) pos++;
                return integer(s.substring(digitsStart, pos).replace("_", ""), kind == 'x' ? 16 : kind == 'o' ? 8 : 2, start);
            }
            boolean isFloat = false;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isDigit(c) || c == '_') pos++;
                else if (c == '.' || c == 'e' || c == 'E') {
                    isFloat = true;
                    pos++;
                    if ((c == 'e' || c == 'E') && pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
                } else break;
            }
            if (pos < s.length() && (s.charAt(pos) == 'j' || s.charAt(pos) == 'J')) throw error("complex numbers are not supported");
            String text = s.substring(start, pos).replace("_", "");
            if (!isFloat) return integer(text, 10, start);
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                pos = start;
                throw error("malformed number");
            }
        }

        private Object integer(String digits, int radix, int start) {
            try {
                BigInteger n = new BigInteger(digits, radix);
                if (n.bitLength() > 63) throw error("integer out of range");
                return n.longValue();
            } catch (NumberFormatException e) {
                pos = start;
                throw error("malformed number");
            }
        }
    }
}
