package dev.jack.core.text;

import java.util.Collection;

/**
 * A fixed set of words that can be asked about a run of text lower-cased in place: whether {@code text[from, to)}, its
 * ASCII capitals lower-cased (other characters as they are), is one of the words, without making a string; or whether
 * Python's {@code str.lower()} of the run is ({@link #containsPyLowered}: a string made only for a non-ASCII run). An
 * open-addressing table by {@link String#hashCode}, which the run's hash is computed as. Hand-written for speed: the
 * IFBench checkers ask it for every word of a response.
 */
public final class AsciiLoweredSet {
    private final String[] table;
    /** Each word's hash beside it: a probe compares a run with a word only when their hashes agree. */
    private final int[] hashes;
    /** The longest word's length: a longer run is no word of the set, whatever its hash. */
    private final int maxLength;

    /** @param words the set's words, as they are (a word with ASCII capitals is never found) */
    public AsciiLoweredSet(Collection<String> words) {
        table = new String[Integer.highestOneBit(Math.max(1, words.size())) * 4];
        hashes = new int[table.length];
        int longest = 0;
        for (String w : words) {
            longest = Math.max(longest, w.length());
            int k = slot(w.hashCode());
            while (table[k] != null) {
                if (table[k].equals(w)) break;
                k = (k + 1) & (table.length - 1);
            }
            table[k] = w;
            hashes[k] = w.hashCode();
        }
        maxLength = longest;
    }

    private int slot(int hash) {
        return (hash ^ (hash >>> 16)) & (table.length - 1);
    }

    /**
     * Whether {@code text[from, to)} with its ASCII capitals lower-cased is in the set. One method per kind of text and
     * the comparison written in the probe loop: with a {@link CharSequence} taking both, and the comparison in a method
     * of its own, some JVMs called both per character (charAt bimorphic, the comparison left out of line).
     */
    public boolean containsLowered(String text, int from, int to) {
        if (to - from > maxLength) return false;
        int h = 0;
        for (int i = from; i < to; i++) h = 31 * h + lowerAscii(text.charAt(i));
        return containsLowered(text, from, to, h);
    }

    /**
     * Whether Python's {@code str.lower()} of {@code text[from, to)} is in the set. An ASCII run is lower-cased, hashed
     * and looked up in place in one pass; any other is lower-cased by {@link PyText#lower} first. A run longer than the
     * longest word is none of them: no character's lower case is shorter in UTF-16 than the character (tested over
     * every code point).
     */
    public boolean containsPyLowered(String text, int from, int to) {
        if (to - from > maxLength) return false;
        int h = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 128) {
                // A Python-lowered text has no ASCII capitals left for containsLowered to lower.
                String lowered = PyText.lower(text.substring(from, to));
                return containsLowered(lowered, 0, lowered.length());
            }
            h = 31 * h + lowerAscii(c);
        }
        return containsLowered(text, from, to, h);
    }

    /** {@link #containsLowered(String, int, int)} with the run's lower-cased hash ({@link #lowerAscii}) computed. */
    private boolean containsLowered(String text, int from, int to, int h) {
        for (int k = slot(h); table[k] != null; k = (k + 1) & (table.length - 1)) {
            String word = table[k];
            if (hashes[k] != h || word.length() != to - from) continue;
            int i = 0;
            while (i < word.length() && word.charAt(i) == lowerAscii(text.charAt(from + i))) i++;
            if (i == word.length()) return true;
        }
        return false;
    }

    /** {@link #containsLowered(String, int, int)} for {@code text[from, to)} of a char array. */
    public boolean containsLowered(char[] text, int from, int to) {
        if (to - from > maxLength) return false;
        int h = 0;
        for (int i = from; i < to; i++) h = 31 * h + lowerAscii(text[i]);
        for (int k = slot(h); table[k] != null; k = (k + 1) & (table.length - 1)) {
            String word = table[k];
            if (hashes[k] != h || word.length() != to - from) continue;
            int i = 0;
            while (i < word.length() && word.charAt(i) == lowerAscii(text[from + i])) i++;
            if (i == word.length()) return true;
        }
        return false;
    }

    /** The char with an ASCII capital lower-cased (no other char changed). */
    static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
