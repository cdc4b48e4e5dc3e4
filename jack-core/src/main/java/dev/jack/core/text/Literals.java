package dev.jack.core.text;

/**
 * Fast paths for the common case where a constraint's regular-expression parameter is a plain word:
 * case-insensitive search and whole-word search with Python's Unicode {@code \b}. They match exactly
 * what the compiled pattern would (Java's Unicode case-insensitive comparison of each character).
 */
public final class Literals {
    private Literals() {}

    /** First index at or after {@code from} where {@code literal} occurs ignoring case, or -1. */
    public static int indexOfIgnoreCase(String text, String literal, int from) {
        int last = text.length() - literal.length();
        if (literal.isEmpty()) return from <= text.length() ? from : -1;
        char first = literal.charAt(0);
        char firstUpper = Character.toUpperCase(first);
        char firstLower = Character.toLowerCase(first);
        boolean asciiFirst = first < 128;
        for (int i = Math.max(0, from); i <= last; i++) {
            char c = text.charAt(i);
            if (c != first && c != firstUpper && c != firstLower) {
                // Two ASCII chars are equal ignoring case only as ASCII letters, which the comparisons above cover.
                if (c < 128 && asciiFirst || !sameIgnoringCase(c, first)) continue;
            }
            if (text.regionMatches(true, i + 1, literal, 1, literal.length() - 1)) return i;
        }
        return -1;
    }

    private static boolean sameIgnoringCase(char a, char b) {
        char ua = Character.toUpperCase(a);
        char ub = Character.toUpperCase(b);
        return ua == ub || Character.toLowerCase(ua) == Character.toLowerCase(ub);
    }

    /** Non-overlapping occurrences ignoring case, as {@code len(re.findall(literal, text, re.I))}. */
    public static int countIgnoreCase(String text, String literal) {
        int count = 0;
        for (int at = indexOfIgnoreCase(text, literal, 0); at >= 0; at = indexOfIgnoreCase(text, literal, at + literal.length())) {
            count++;
        }
        return count;
    }

    /** Whether {@code \bword\b} matches ignoring case, with Python's Unicode word characters. */
    public static boolean containsWholeWordIgnoreCase(String text, String word) {
        for (int at = indexOfIgnoreCase(text, word, 0); at >= 0; at = indexOfIgnoreCase(text, word, at + 1)) {
            if (isBoundary(text, at) && isBoundary(text, at + word.length())) return true;
        }
        return false;
    }

    private static boolean isBoundary(String text, int at) {
        boolean before = at > 0 && PyText.isWordChar(text.codePointBefore(at));
        boolean after = at < text.length() && PyText.isWordChar(text.codePointAt(at));
        return before != after;
    }
}
