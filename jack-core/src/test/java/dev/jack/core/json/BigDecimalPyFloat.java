package dev.jack.core.json;

import java.math.BigDecimal;

/** The oracle for {@link PyFloat}: Jack's former BigDecimal-based {@code repr(float)}. */
final class BigDecimalPyFloat {
    private BigDecimalPyFloat() {}

    static String repr(double d) {
        if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
        // Java's Double.toString also yields the shortest round-tripping digits (JDK 19+).
        BigDecimal shortest = new BigDecimal(Double.toString(d));
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = d < 0 ? "-" : "";
        // Strip trailing zeros of the digit string.
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') end--;
        digits = digits.substring(0, end);
        if (exponent >= -4 && exponent < 16) {
            if (exponent >= digits.length() - 1) {
                return sign + digits + "0".repeat(exponent - digits.length() + 1) + ".0";
            }
            if (exponent >= 0) {
                return sign + digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
            }
            return sign + "0." + "0".repeat(-exponent - 1) + digits;
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }
}
