package dev.jack.pipeline;

import dev.jack.core.OptionException;

import java.util.Locale;

/**
 * The checks options records make in their constructors. Each throws {@link OptionException} with the option's key
 * and {@code expected WHAT, got VALUE}, the one wording the command line and config files share.
 */
public final class Check {
    private Check() {}

    /** A whole number at least {@code min}. */
    public static int atLeast(String key, int value, int min) {
        if (value < min) throw new OptionException(key, "expected a whole number >= " + min + ", got " + value);
        return value;
    }

    /** An optional whole number at least {@code min}. */
    public static Integer atLeast(String key, Integer value, int min) {
        return value == null ? null : atLeast(key, (int) value, min);
    }

    /** A number at least {@code min} (NaN is not). */
    public static double atLeast(String key, double value, double min) {
        if (!(value >= min)) throw new OptionException(key, "expected a number >= " + format(min) + ", got " + format(value));
        return value;
    }

    /** A number in [lo, hi] (NaN is not). */
    public static double within(String key, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new OptionException(key, "expected a number from " + format(lo) + " to " + format(hi) + ", got " + format(value));
        }
        return value;
    }

    /** A number in [lo, hi) (NaN is not). */
    public static double below(String key, double value, double lo, double hi) {
        if (!(value >= lo && value < hi)) {
            throw new OptionException(key, "expected a number >= " + format(lo) + " and < " + format(hi) + ", got " + format(value));
        }
        return value;
    }

    /** A number strictly between lo and hi (NaN is not). */
    public static double between(String key, double value, double lo, double hi) {
        if (!(value > lo && value < hi)) {
            throw new OptionException(key, "expected a number > " + format(lo) + " and < " + format(hi) + ", got " + format(value));
        }
        return value;
    }

    /** A number as a person writes it: 0.5, 1, 1e-06. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
        return String.format(Locale.ROOT, "%s", v);
    }
}
