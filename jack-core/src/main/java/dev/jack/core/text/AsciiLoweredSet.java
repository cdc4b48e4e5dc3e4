package dev.jack.core.text;

import java.util.Collection;

/**
 * A fixed set of words that can be asked about a run of text lower-cased in place: whether {@code text[from, to)}, its
 * ASCII capitals lower-cased (other characters as they are), is one of the words, without making a string. An
 * open-addressing table by {@link String#hashCode}, which the run's hash is computed as. Hand-written for speed: the
 * IFBench checkers ask it for every word of a response.
 */
public final class AsciiLoweredSet {
    private final String[] table;

    /** @param words the set's words, as they are (a word with ASCII capitals is never found) */
    public AsciiLoweredSet(Collection<String> words) {
        table = new String[Integer.highestOneBit(Math.max(1, words.size())) * 4];
        for (String w : words) {
            int k = w.hashCode() & (table.length - 1);
            while (table[k] != null) {
                if (table[k].equals(w)) break;
                k = (k + 1) & (table.length - 1);
            }
            table[k] = w;
        }
    }

    /** Whether {@code text[from, to)} with its ASCII capitals lower-cased is in the set. */
    public boolean containsLowered(CharSequence text, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) h = 31 * h + lowerAscii(text.charAt(i));
        for (int k = h & (table.length - 1); table[k] != null; k = (k + 1) & (table.length - 1)) {
            if (sameLowered(table[k], text, from, to)) return true;
        }
        return false;
    }

    private static boolean sameLowered(String word, CharSequence text, int from, int to) {
        if (word.length() != to - from) return false;
        for (int i = 0; i < word.length(); i++) if (word.charAt(i) != lowerAscii(text.charAt(from + i))) return false;
        return true;
    }

    /** The char with an ASCII capital lower-cased (no other char changed). */
    static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
