package dev.jack.core.text;

/**
 * Python {@code str} predicates on one code point that {@link PyText} does not cover: {@code isalpha},
 * {@code isdigit} and {@code isalnum}, as CPython 3.11 (Unicode 14.0) computes them. Letters and
 * numbers are classified by Java's Unicode data, which differs from Python's only for characters
 * assigned after Unicode 14.0.
 */
public final class PyChars {
    private PyChars() {}

    /**
     * The code points that are {@code isdigit()} without being decimal digits (category Nd): Numeric_Type
     * Digit, e.g. superscripts and circled digits. Generated from CPython 3.11's {@code unicodedata}.
     */
    private static final int[][] DIGITS_BEYOND_ND = {
            {0xB2, 0xB3}, {0xB9, 0xB9}, {0x1369, 0x1371}, {0x19DA, 0x19DA}, {0x2070, 0x2070}, {0x2074, 0x2079},
            {0x2080, 0x2089}, {0x2460, 0x2468}, {0x2474, 0x247C}, {0x2488, 0x2490}, {0x24EA, 0x24EA},
            {0x24F5, 0x24FD}, {0x24FF, 0x24FF}, {0x2776, 0x277E}, {0x2780, 0x2788}, {0x278A, 0x2792},
            {0x10A40, 0x10A43}, {0x10E60, 0x10E68}, {0x11052, 0x1105A}, {0x1F100, 0x1F10A}};

    /** {@code chr(cp).isalpha()}: general category Lu, Ll, Lt, Lm or Lo. */
    public static boolean isAlpha(int cp) {
        if (cp < 128) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER -> true;
            default -> false;
        };
    }

    /** {@code chr(cp).isdigit()}: Numeric_Type Decimal or Digit. */
    public static boolean isDigit(int cp) {
        if (cp < 128) return cp >= '0' && cp <= '9';
        if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) return true;
        for (int[] range : DIGITS_BEYOND_ND) if (cp >= range[0] && cp <= range[1]) return true;
        return false;
    }

    /** {@code chr(cp).isalnum()}: a letter or any number (categories L* and N*, as in CPython 3.11). */
    public static boolean isAlnum(int cp) {
        if (cp < 128) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        return isAlpha(cp) || switch (Character.getType(cp)) {
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    /** {@code s.isdigit()}: not empty and every code point a digit. */
    public static boolean isDigits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (!isDigit(cp)) return false;
            i += Character.charCount(cp);
        }
        return true;
    }
}
