package dev.jack.core.text;

import dev.jack.core.Latin1;

import java.util.Arrays;

/**
 * Fast paths for the common case where a constraint's regular-expression parameter is a plain word:
 * case-insensitive search and whole-word search with Python's Unicode {@code \b}. They match exactly
 * what the compiled pattern would (Java's Unicode case-insensitive comparison of each character).
 *
 * <p>Candidates for the first character are found with {@link String#indexOf(int, int)} (vectorized
 * by C2) for each character that equals it ignoring case, each remembered until passed, so a
 * search over a whole text stays linear; in a Latin-1 text all at once in a copy of its bytes (see
 * {@code Finder.earliestCandidate}).
 */
public final class Literals {
    private Literals() {}

    /** For each ASCII char, the chars (ASCII or not) that equal it ignoring case: e.g. k, K and the Kelvin sign. */
    private static final char[][] ASCII_EQUIVALENTS = new char[128][];

    /**
     * For each ASCII char, the chars of {@link #ASCII_EQUIVALENTS} that a Latin-1 text can hold, three (the first
     * repeated where fewer) for {@link Latin1#indexOfAny}; null where they would be more than three or not all ASCII
     * (no ASCII char's are, with Java's case mappings: a letter's are its two cases).
     */
    private static final char[][] LATIN1_EQUIVALENTS = new char[128][];
    /** Each thread's copy of the text its finders search (one finder at a time: none outlives its method). */
    private static final ThreadLocal<Latin1.Copy> COPIES = ThreadLocal.withInitial(Latin1.Copy::new);

    static {
        StringBuilder[] same = new StringBuilder[128];
        for (char a = 0; a < 128; a++) same[a] = new StringBuilder().append(a);
        // Only chars whose case mappings reach ASCII can equal an ASCII char (a handful besides ASCII letters: İ, ı, ſ, K).
        for (int c = 0; c < 65536; c++) {
            char u = Character.toUpperCase((char) c);
            if (u >= 128 && Character.toLowerCase(u) >= 128) continue;
            for (char a = 0; a < 128; a++) if (c != a && sameIgnoringCase((char) c, a)) same[a].append((char) c);
        }
        for (char a = 0; a < 128; a++) ASCII_EQUIVALENTS[a] = same[a].toString().toCharArray();
        for (char a = 0; a < 128; a++) {
            // In a Latin-1 text only the equivalents up to U+00FF occur: kept where they are three or fewer, all ASCII.
            StringBuilder found = new StringBuilder();
            boolean ascii = true;
            for (char c : ASCII_EQUIVALENTS[a]) {
                if (c > 0xFF) continue;
                found.append(c);
                ascii &= c < 0x80;
            }
            if (!ascii || found.length() > 3) continue;
            while (found.length() < 3) found.append(a);
            LATIN1_EQUIVALENTS[a] = found.toString().toCharArray();
        }
    }

    /** First index at or after {@code from} where {@code literal} occurs ignoring case, or -1. */
    public static int indexOfIgnoreCase(String text, String literal, int from) {
        if (literal.isEmpty()) return from <= text.length() ? from : -1;
        return new Finder(text, literal).next(Math.max(0, from));
    }

    private static boolean sameIgnoringCase(char a, char b) {
        char ua = Character.toUpperCase(a);
        char ub = Character.toUpperCase(b);
        return ua == ub || Character.toLowerCase(ua) == Character.toLowerCase(ub);
    }

    /** Non-overlapping occurrences ignoring case, as {@code len(re.findall(literal, text, re.I))}. */
    public static int countIgnoreCase(String text, String literal) {
        if (literal.isEmpty()) return text.length() + 1;
        Finder f = new Finder(text, literal);
        int count = 0;
        for (int at = f.next(0); at >= 0; at = f.next(at + literal.length())) count++;
        return count;
    }

    /** Whether {@code \bword\b} matches ignoring case, with Python's Unicode word characters. */
    public static boolean containsWholeWordIgnoreCase(String text, String word) {
        if (word.isEmpty()) {
            for (int at = 0; at <= text.length(); at++) if (isBoundary(text, at)) return true;
            return false;
        }
        Finder f = new Finder(text, word);
        for (int at = f.next(0); at >= 0; at = f.next(at + 1)) {
            if (isBoundary(text, at) && isBoundary(text, at + word.length())) return true;
        }
        return false;
    }

    private static boolean isBoundary(String text, int at) {
        boolean before = at > 0 && PyText.isWordChar(text.codePointBefore(at));
        boolean after = at < text.length() && PyText.isWordChar(text.codePointAt(at));
        return before != after;
    }

    /** Successive occurrences of one non-empty literal in one text, at increasing positions. */
    private static final class Finder {
        private final String text;
        private final String literal;
        private final int last;
        private final char first;
        /** The chars equal to the first one ignoring case, and the next index of each (-2: not looked for yet). */
        private final char[] candidates;
        private final int[] nextAt;
        /**
         * The text's Latin-1 bytes (the thread's {@link #COPIES}), or null; and the candidates such a text can hold
         * ({@link #LATIN1_EQUIVALENTS}).
         */
        private final byte[] bytes;
        private final char[] latin1;

        Finder(String text, String literal) {
            this.text = text;
            this.literal = literal;
            this.last = text.length() - literal.length();
            this.first = literal.charAt(0);
            this.candidates = first < 128 ? ASCII_EQUIVALENTS[first] : null;
            this.latin1 = first < 128 ? LATIN1_EQUIVALENTS[first] : null;
            this.bytes = latin1 != null && text.length() >= Latin1.WORTH_COPYING ? COPIES.get().of(text) : null;
            this.nextAt = candidates == null || bytes != null ? null : new int[candidates.length];
            if (nextAt != null) Arrays.fill(nextAt, -2);
        }

        /** The first occurrence at or after {@code from}, or -1. */
        int next(int from) {
            for (int i = from; i <= last; ) {
                int at = candidates == null ? scan(i) : earliestCandidate(i);
                if (at < 0 || at > last) return -1;
                if (!secondDiffers(at) && text.regionMatches(true, at + 1, literal, 1, literal.length() - 1)) return at;
                i = at + 1;
            }
            return -1;
        }

        /**
         * Whether the char after a candidate first char surely differs from the literal's second ignoring case: both ASCII
         * and different once lower-cased (no other pair of ASCII chars is equal ignoring case). Most candidates fail
         * there, without a region comparison.
         */
        private boolean secondDiffers(int at) {
            if (literal.length() < 2) return false;
            char t = text.charAt(at + 1);
            char l = literal.charAt(1);
            return (t | l) < 128 && t != l && AsciiLoweredSet.lowerAscii(t) != AsciiLoweredSet.lowerAscii(l);
        }

        /**
         * The first candidate at or after {@code from}: in a Latin-1 text's bytes all at once (one pass eight bytes at
         * a time, where indexOf makes one per candidate a byte at a time under C1: a 54,100-row eval spent 2.0% of
         * its CPU time in those); else the earliest of each candidate's remembered indexOf.
         */
        private int earliestCandidate(int from) {
            if (bytes != null) return Latin1.indexOfAny(bytes, from, last + 1, latin1[0], latin1[1], latin1[2]);
            int best = -1;
            for (int k = 0; k < candidates.length; k++) {
                int at = nextAt[k];
                if (at == -2 || (at >= 0 && at < from)) nextAt[k] = at = text.indexOf(candidates[k], from);
                if (at >= 0 && (best < 0 || at < best)) best = at;
            }
            return best;
        }

        /** A first char that is not ASCII: compared one text char at a time. */
        private int scan(int from) {
            char upper = Character.toUpperCase(first);
            char lower = Character.toLowerCase(first);
            for (int i = from; i <= last; i++) {
                char c = text.charAt(i);
                if (c == first || c == upper || c == lower || sameIgnoringCase(c, first)) return i;
            }
            return -1;
        }
    }
}
