package dev.jack.core.ifbench;

import dev.jack.core.constraint.ParameterException;
import dev.jack.core.text.PyText;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A constraint's raw kwargs, read with type and range checks whose {@link ParameterException}s name
 * the kwarg. JSON nulls count as absent (IFBench's rows carry all 44 names, unused ones null; the
 * reference drops them too). Values the reference would replace by a random draw (absent, negative,
 * or 0 where it tests {@code if not x}) are errors here, since Jack's verdicts are deterministic.
 */
public final class Args {
    /** The reason given when a value is below a minimum because the reference would draw a random one. */
    public static final String RANDOM_IF_NEGATIVE = " (the reference draws a random value for a negative one)";
    public static final String RANDOM_IF_ZERO = " (the reference reads 0 as not given and draws a random value)";
    public static final String RANDOM_IF_EMPTY = "must not be empty (the reference reads an empty value as not given and picks one at random)";

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Set<String> read = new HashSet<>();

    /** @param raw the kwargs as read from JSON or a Python literal; null values count as absent */
    public Args(Map<String, ?> raw) {
        raw.forEach((k, v) -> {
            if (v != null) values.put(k, v);
        });
    }

    private Object required(String field) {
        read.add(field);
        Object v = values.get(field);
        if (v == null) throw new ParameterException(field, "is required (the reference picks a random value when it is missing)");
        return v;
    }

    /** A string, possibly empty. */
    public String string(String field) {
        Object v = required(field);
        if (v instanceof String s) return s;
        throw new ParameterException(field, "must be a string, got " + describe(v));
    }

    /** A string the reference tests with {@code if not x}: empty is an error. */
    public String nonEmpty(String field) {
        String s = string(field);
        if (s.isEmpty()) throw new ParameterException(field, RANDOM_IF_EMPTY);
        return s;
    }

    /** A non-empty string, stripped as the reference strips it; blank is an error. */
    public String stripped(String field) {
        String s = PyText.strip(nonEmpty(field));
        if (s.isEmpty()) throw new ParameterException(field, "must not be blank");
        return s;
    }

    /** A whole number (JSON integers, or floats such as IFBench's {@code 5.0}) of at least {@code min}. */
    public int integer(String field, int min, String whyMin) {
        Object v = required(field);
        long n;
        if (v instanceof Long l) n = l;
        else if (v instanceof Integer i) n = i;
        else if (v instanceof BigInteger) throw new ParameterException(field, "is out of range: " + v);
        else if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) n = d.longValue();
        else throw new ParameterException(field, "must be a whole number, got " + describe(v));
        if (n < min) throw new ParameterException(field, "must be at least " + min + whyMin + ", got " + n);
        if (n > Integer.MAX_VALUE) throw new ParameterException(field, "is out of range: " + n);
        return (int) n;
    }

    /** A finite number of at least {@code min}. */
    public double number(String field, double min, String whyMin) {
        Object v = required(field);
        double d;
        if (v instanceof Long l) d = l;
        else if (v instanceof Integer i) d = i;
        else if (v instanceof Double x && Double.isFinite(x)) d = x;
        else throw new ParameterException(field, "must be a number, got " + describe(v));
        if (d < min) throw new ParameterException(field, "must be at least " + PyStr.number(min) + whyMin + ", got " + v);
        return d;
    }

    /** One of the given strings. */
    public String oneOf(String field, List<String> allowed) {
        String s = string(field);
        if (!allowed.contains(s)) {
            throw new ParameterException(field, "must be one of \"" + String.join("\", \"", allowed) + "\", got \"" + s + "\"");
        }
        return s;
    }

    /** The raw value, for the few kwargs the reference accepts in more than one shape. */
    public Object raw(String field) {
        return required(field);
    }

    /** Accepts and ignores every other kwarg, for checkers whose reference takes {@code **kwargs}. */
    public void ignoreOthers() {
        read.addAll(values.keySet());
    }

    /** Accepts and ignores the kwarg, which the reference takes without using it here. */
    public void ignore(String field) {
        read.add(field);
    }

    /** Fails on kwargs the constraint does not take (the reference raises TypeError). Call after reading all. */
    public void rejectUnknown() {
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                throw new ParameterException(key, "is not a parameter of this constraint"
                        + (read.isEmpty() ? " (it takes none)" : " (it takes " + String.join(", ", read.stream().sorted().toList()) + ")"));
            }
        }
    }

    /** An ordered, unmodifiable kwargs map from alternating names and values. */
    public static Map<String, Object> kwargs(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }

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
