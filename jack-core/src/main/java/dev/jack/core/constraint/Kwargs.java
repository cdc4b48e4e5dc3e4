package dev.jack.core.constraint;

import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A constraint's raw keyword arguments (IFEval's {@code kwargs}), read with type and range checks whose
 * {@link ParameterException}s name the kwarg. JSON nulls count as absent, as in datasets whose kwargs
 * carry every key of every constraint (IFBench's rows carry all 44 names, unused ones null; the
 * references drop them too). Values for which a reference would draw a random replacement (absent,
 * negative, or 0 where it tests {@code if not x}) are errors, since Jack's verdicts are deterministic.
 */
public final class Kwargs {
    /** Why a negative count is refused, for {@link #integer(String, int, String)}'s {@code whyMin}. */
    public static final String RANDOM_IF_NEGATIVE = " (the reference draws a random value for a negative one)";
    /** Why 0 is refused where the reference tests {@code if not x}. */
    public static final String RANDOM_IF_ZERO = " (the reference reads 0 as not given and draws a random value)";
    /** Why an empty string or list is refused where the reference tests {@code if not x}. */
    public static final String RANDOM_IF_EMPTY = "must not be empty (the reference reads an empty value as not given and picks one at random)";

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Set<String> read = new HashSet<>();

    public Kwargs(Map<String, ?> raw) {
        raw.forEach((k, v) -> {
            if (v != null) values.put(k, v);
        });
    }

    public static Kwargs of(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        return new Kwargs(m);
    }

    private Object required(String field) {
        read.add(field);
        Object v = values.get(field);
        if (v == null) throw new ParameterException(field, "is required");
        return v;
    }

    /**
     * An integer of at least {@code min}; whole-valued floats (3.0, as IFBench's data writes counts)
     * count as integers, as in JSON.
     *
     * @throws ParameterException when missing, not an integer, or below {@code min}
     */
    public int integer(String field, int min) {
        return integer(field, min, "");
    }

    /**
     * {@link #integer(String, int)}, saying why values below {@code min} are refused (e.g.
     * {@link #RANDOM_IF_NEGATIVE}).
     */
    public int integer(String field, int min, String whyMin) {
        Object v = required(field);
        long n;
        if (v instanceof Long l) n = l;
        else if (v instanceof Integer i) n = i;
        else if (v instanceof BigInteger) throw new ParameterException(field, "is out of range: " + v);
        else if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) n = d.longValue();
        else throw new ParameterException(field, "must be an integer, got " + describe(v));
        if (n < min) throw new ParameterException(field, "must be at least " + min + whyMin + ", got " + n);
        if (n > Integer.MAX_VALUE) throw new ParameterException(field, "is out of range: " + n);
        return (int) n;
    }

    /**
     * A finite number of at least {@code min}, saying why smaller ones are refused.
     *
     * @throws ParameterException when missing, not a number, or below {@code min}
     */
    public double number(String field, double min, String whyMin) {
        Object v = required(field);
        double d;
        if (v instanceof Long l) d = l;
        else if (v instanceof Integer i) d = i;
        else if (v instanceof Double x && Double.isFinite(x)) d = x;
        else throw new ParameterException(field, "must be a number, got " + describe(v));
        if (d < min) throw new ParameterException(field, "must be at least " + PyText.number(min) + whyMin + ", got " + v);
        return d;
    }

    /**
     * A string, as given.
     *
     * @throws ParameterException when missing or not a string
     */
    public String string(String field) {
        Object v = required(field);
        if (v instanceof String s) return s;
        throw new ParameterException(field, "must be a string, got " + describe(v));
    }

    /**
     * A string the reference tests with {@code if not x} (where empty means "pick one at random").
     *
     * @throws ParameterException when missing, not a string, or empty
     */
    public String nonEmpty(String field) {
        String s = string(field);
        if (s.isEmpty()) throw new ParameterException(field, RANDOM_IF_EMPTY);
        return s;
    }

    /**
     * A non-blank string, stripped as the reference strips it.
     *
     * @throws ParameterException when missing, not a string, or blank
     */
    public String strippedString(String field) {
        String s = PyText.strip(string(field));
        if (s.isEmpty()) throw new ParameterException(field, "must not be empty");
        return s;
    }

    /**
     * One of the given strings.
     *
     * @throws ParameterException when missing, not a string, or another value
     */
    public String oneOf(String field, List<String> allowed) {
        String s = string(field);
        if (!allowed.contains(s)) {
            throw new ParameterException(field, "must be one of \"" + String.join("\", \"", allowed) + "\", got \"" + s + "\"");
        }
        return s;
    }

    /**
     * The raw value, for the few kwargs a reference accepts in more than one shape.
     *
     * @throws ParameterException when missing
     */
    public Object raw(String field) {
        return required(field);
    }

    /** Accepts and ignores every other kwarg, for constraints whose reference takes {@code **kwargs}. */
    public void ignoreOthers() {
        read.addAll(values.keySet());
    }

    /** Accepts and ignores the kwarg, which the reference takes without using it. */
    public void ignore(String field) {
        read.add(field);
    }

    /**
     * A non-empty list of non-empty strings.
     *
     * @throws ParameterException when missing or not such a list; the field of a bad item is {@code field[i]}
     */
    public List<String> strings(String field) {
        Object v = required(field);
        if (!(v instanceof List<?> list)) throw new ParameterException(field, "must be a list of strings, got " + describe(v));
        if (list.isEmpty()) throw new ParameterException(field, "must not be empty");
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s) || s.isEmpty()) {
                throw new ParameterException(field + "[" + i + "]", "must be a non-empty string, got " + describe(list.get(i)));
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    /**
     * IFEval's comparison, {@code "less than"} or {@code "at least"}.
     *
     * @throws ParameterException when missing or another value
     */
    public Relation relation(String field) {
        return Relation.parse(field, string(field));
    }

    /**
     * Checks that a parameter which the reference reads as a regular expression compiles with Python's
     * semantics, and returns it.
     *
     * @throws ParameterException naming {@code field} when it does not compile
     */
    public static String regex(String field, String pattern, int flags) {
        try {
            PyRegex.cached(pattern, flags);
            return pattern;
        } catch (PyRegex.InvalidPatternException e) {
            throw new ParameterException(field, "\"" + pattern + "\" is not a valid regular expression"
                    + " (the reference reads it as one): " + e.getMessage());
        }
    }

    /** Fails on keys the constraint does not take. Call after reading every parameter. */
    void rejectUnknown() {
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                throw new ParameterException(key, "is not a parameter of this constraint"
                        + (read.isEmpty() ? " (it takes none)" : " (it takes " + String.join(", ", read.stream().sorted().toList()) + ")"));
            }
        }
    }

    /** A value as error messages show it: strings quoted, lists and objects by kind. */
    public static String describe(Object v) {
        return switch (v) {
            case String s -> "the string \"" + s + "\"";
            case List<?> l -> "a list";
            case Map<?, ?> m -> "an object";
            case Boolean b -> "a boolean";
            default -> v.toString();
        };
    }
}
