package dev.jack.core.json;

/**
 * Python's {@code repr(float)}: the shortest round-tripping digits, in Python's notation (fixed for
 * decimal exponents from -4 to 15, else {@code 1e-05}, {@code 1.5e+16}). The digits are Java's
 * {@link Double#toString(double)}, which gives the shortest round-tripping digits since JDK 19;
 * hand-written rather than through BigDecimal because score files write three floats per row.
 */
public final class PyFloat {
    private PyFloat() {}

    public static String repr(double d) {
        // Zero and magnitudes from 10^-3 up to 10^7 Java writes as Python does (its shortest digits, plain notation,
        // "-0.0" for negative zero): scores' rewards and rates are there.
        double magnitude = Math.abs(d);
        if (d == 0 || magnitude >= 1e-3 && magnitude < 1e7) return Double.toString(d);
        StringBuilder b = new StringBuilder(24);
        repr(b, d);
        return b.toString();
    }

    /** Appends {@code repr(d)}; NaN and the infinities as Python prints them ({@code nan}, {@code inf}, {@code -inf}). */
    public static void repr(StringBuilder b, double d) {
        if (d != d) {
            b.append("nan");
            return;
        }
        if (d < 0 || (d == 0 && 1 / d < 0)) b.append('-');
        d = Math.abs(d);
        if (d == 0) {
            b.append("0.0");
            return;
        }
        if (d == Double.POSITIVE_INFINITY) {
            b.append("inf");
            return;
        }
        String java = Double.toString(d);
        int e = java.indexOf('E');
        int mantissaEnd = e < 0 ? java.length() : e;
        char[] digits = new char[mantissaEnd];
        int count = 0;
        int point = -1;
        for (int i = 0; i < mantissaEnd; i++) {
            char c = java.charAt(i);
            if (c == '.') point = count;
            else digits[count++] = c;
        }
        if (point < 0) point = count;
        int first = 0;
        while (first < count - 1 && digits[first] == '0') first++;
        int end = count;
        while (end > first + 1 && digits[end - 1] == '0') end--;
        int significant = end - first;
        // The decimal exponent of the first significant digit.
        int exponent = point - 1 - first + (e < 0 ? 0 : Integer.parseInt(java, e + 1, java.length(), 10));
        if (exponent >= -4 && exponent < 16) {
            if (exponent >= significant - 1) {
                b.append(digits, first, significant);
                for (int i = significant - 1; i < exponent; i++) b.append('0');
                b.append(".0");
            } else if (exponent >= 0) {
                b.append(digits, first, exponent + 1).append('.').append(digits, first + exponent + 1, significant - exponent - 1);
            } else {
                b.append("0.");
                for (int i = -1; i > exponent; i--) b.append('0');
                b.append(digits, first, significant);
            }
            return;
        }
        b.append(digits[first]);
        if (significant > 1) b.append('.').append(digits, first + 1, significant - 1);
        b.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) b.append('0');
        b.append(magnitude);
    }
}
