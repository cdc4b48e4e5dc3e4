package dev.jack.core.constraint.ifbench;

import dev.jack.core.text.PyText;

import java.util.Arrays;
import java.util.List;

/**
 * IFBench's word scans done in place, regions of the text standing for the substrings Python would make (hand-written
 * for speed: these checkers run on every response of a benchmark, a string per word was most of their cost, and a
 * checker that can decide early should not split the whole text first). Words are found one at a time by
 * {@link PyText#wordStart} and {@link PyText#wordRunStart}; {@link Distinct} gathers one text's
 * distinct regions and counts them; {@link Table} finds a region among fixed words.
 */
final class Regions {
    private Regions() {}

    /** {@code text.split("\n")[0]}, without splitting the rest. */
    static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    /**
     * How many words {@code str.split()} finds in {@code text[from, to)} with its ASCII punctuation deleted first
     * ({@link PyText#removePunctuation}): a deleted character neither starts a word nor ends one. Char by char, as
     * {@link PyText#wordStart}.
     */
    static int wordsWithoutPunctuation(String text, int from, int to) {
        int words = 0;
        boolean inWord = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (PyText.isPunctuation(c)) continue;
            boolean space = PyText.isSpace(c);
            if (!space && !inWord) words++;
            inWord = !space;
        }
        return words;
    }

    /**
     * {@code len(PyText.removePunctuation(text[from, to)))} in Python's code points, without the copy: every char not
     * deleted counts but the low half of a surrogate pair. A pair is one code point only where its halves are neighbours
     * in the text, as Python's JSON decoder pairs them: two lone surrogates that the deletion brings together stay two in
     * Python's string (a Java string of the result would pair them).
     */
    static int codePointsWithoutPunctuation(String text, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (PyText.isPunctuation(c)) continue;
            if (!Character.isLowSurrogate(c) || i == from || !Character.isHighSurrogate(text.charAt(i - 1))) count++;
        }
        return count;
    }

    /**
     * The first code point of {@code PyText.removePunctuation(text[from, to))} as Python holds it, or -1 when that is
     * empty: a high surrogate pairs only with a low one right after it in the text (see
     * {@link #codePointsWithoutPunctuation}).
     */
    static int firstCodePointWithoutPunctuation(String text, int from, int to) {
        int i = from;
        while (i < to && PyText.isPunctuation(text.charAt(i))) i++;
        if (i == to) return -1;
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1)) ? Character.toCodePoint(c, text.charAt(i + 1)) : c;
    }

    /**
     * The first code point of Python's {@code str.lower()} of the word {@code text[from, to)} once its punctuation is
     * deleted ({@link #firstCodePointWithoutPunctuation} lowered), or -1 when only punctuation: a word's first code
     * point lowers on its own (str.lower() looks at no neighbour but Σ's, and a word-initial Σ, with no cased character
     * before it, becomes σ); an ASCII one without a string made.
     */
    static int firstLoweredWithoutPunctuation(String text, int from, int to) {
        int first = firstCodePointWithoutPunctuation(text, from, to);
        if (first < 128) return first < 0 ? first : Character.toLowerCase(first);
        return PyText.lower(Character.toString(first)).codePointAt(0);
    }

    /** {@code text.substring(from, to).hashCode()}, without the substring. */
    static int hash(String text, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) h = 31 * h + text.charAt(i);
        return h;
    }

    /** Open-addressing slots for {@code n} entries at most half full: a power of two. */
    private static int slotsFor(int n) {
        return Math.max(8, Integer.highestOneBit(Math.max(1, n) * 2 - 1) << 1);
    }

    /** The distinct regions of one text ({@code len({text[a:b] for each region})}) and how often each was added. */
    static final class Distinct {
        /** An entry's fields in {@link #entries}: start, end, hash and count side by side (one cache line per probe). */
        private static final int START = 0;
        private static final int END = 1;
        private static final int HASH = 2;
        private static final int COUNT = 3;
        private static final int FIELDS = 4;

        private final String text;
        /** Per slot: 1 + the entry's index, 0 when free. */
        private int[] slots;
        /** The entries' fields, {@link #FIELDS} ints per entry. */
        private int[] entries;
        private int size;

        /** @param expected how many distinct regions to make room for at first (more may be added) */
        Distinct(String text, int expected) {
            this.text = text;
            this.slots = new int[slotsFor(expected)];
            this.entries = new int[slots.length / 2 * FIELDS];
        }

        int size() {
            return size;
        }

        /** Adds {@code text[from, to)}; whether no equal region was there. */
        boolean add(int from, int to) {
            return count(from, to) == 1;
        }

        /** Adds {@code text[from, to)}; how often it (or an equal region) has been added, this time included. */
        int count(int from, int to) {
            return count(from, to, hash(text, from, to));
        }

        /** {@link #add(int, int)} for a caller that hashed the region while finding it: {@code h} is its {@link #hash}. */
        boolean add(int from, int to, int h) {
            return count(from, to, h) == 1;
        }

        /** {@link #count(int, int)} for a caller that hashed the region while finding it: {@code h} is its {@link #hash}. */
        int count(int from, int to, int h) {
            int mask = slots.length - 1;
            int length = to - from;
            int k = mix(h) & mask;
            for (int e; (e = slots[k]) != 0; k = (k + 1) & mask) {
                int at = (e - 1) * FIELDS;
                if (entries[at + HASH] == h && entries[at + END] - entries[at + START] == length
                        && text.regionMatches(entries[at + START], text, from, length)) return ++entries[at + COUNT];
            }
            int at = size * FIELDS;
            if (at == entries.length) entries = Arrays.copyOf(entries, at * 2);
            entries[at + START] = from;
            entries[at + END] = to;
            entries[at + HASH] = h;
            entries[at + COUNT] = 1;
            size++;
            if (size * 2 > slots.length) rehash();
            else slots[k] = size;
            return 1;
        }

        private void rehash() {
            slots = new int[slots.length * 2];
            int mask = slots.length - 1;
            for (int e = 0; e < size; e++) {
                int k = mix(entries[e * FIELDS + HASH]) & mask;
                while (slots[k] != 0) k = (k + 1) & mask;
                slots[k] = e + 1;
            }
        }
    }

    /** Fixed words, found by a region of any text: the index of the word it equals. */
    static final class Table {
        private final List<String> words;
        /** Per slot: 1 + the word's index, 0 when free. */
        private final int[] slots;

        Table(List<String> words) {
            this.words = List.copyOf(words);
            this.slots = new int[slotsFor(words.size())];
            int mask = slots.length - 1;
            for (int i = 0; i < this.words.size(); i++) {
                int k = mix(this.words.get(i).hashCode()) & mask;
                while (slots[k] != 0) k = (k + 1) & mask;
                slots[k] = i + 1;
            }
        }

        /** The index of the word equal to {@code text[from, to)}, or -1. */
        int indexOf(String text, int from, int to) {
            int mask = slots.length - 1;
            int length = to - from;
            for (int k = mix(hash(text, from, to)) & mask, e; (e = slots[k]) != 0; k = (k + 1) & mask) {
                String w = words.get(e - 1);
                if (w.length() == length && w.regionMatches(0, text, from, length)) return e - 1;
            }
            return -1;
        }
    }

    /** Spreads a string hash's bits over the low ones the slot mask keeps. */
    private static int mix(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 16);
    }
}
