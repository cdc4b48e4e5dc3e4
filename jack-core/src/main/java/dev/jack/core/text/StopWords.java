package dev.jack.core.text;

import java.util.Set;

/**
 * NLTK's English stop word list ({@code nltk.corpus.stopwords.words('english')}, nltk_data as of 2025:
 * the classic 179 words plus 19 pronoun contractions), bundled as {@code nltk/stopwords_english.txt}.
 * IFBench's {@code ratio:stop_words} tests lower-cased {@code \w+} tokens against it.
 */
public final class StopWords {
    private StopWords() {}

    private static final class Holder {
        static final Set<String> ENGLISH = Set.copyOf(BundledData.read("nltk/stopwords_english.txt").lines()
                .filter(line -> !line.isEmpty()).toList());
        /** The same words in an open-addressing table by String hash, probed with a run of text in place. */
        static final String[] TABLE = new String[Integer.highestOneBit(ENGLISH.size()) * 4];

        static {
            for (String w : ENGLISH) {
                int k = w.hashCode() & (TABLE.length - 1);
                while (TABLE[k] != null) k = (k + 1) & (TABLE.length - 1);
                TABLE[k] = w;
            }
        }
    }

    /** Whether the (already lower-cased) token is an English stop word. */
    public static boolean isEnglish(String token) {
        return Holder.ENGLISH.contains(token);
    }

    /**
     * Whether {@code text[from, to)}, lower-cased as Python's {@code str.lower()} does, is an English stop word. An
     * ASCII run is lower-cased and looked up in place (no string made); any other goes through {@link PyText#lower}.
     */
    public static boolean isEnglishLowered(String text, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 128) return isEnglish(PyText.lower(text.substring(from, to)));
            h = 31 * h + lowerAscii(c);
        }
        String[] table = Holder.TABLE;
        for (int k = h & (table.length - 1); table[k] != null; k = (k + 1) & (table.length - 1)) {
            String w = table[k];
            if (w.length() == to - from && sameLowered(w, text, from)) return true;
        }
        return false;
    }

    private static boolean sameLowered(String word, String text, int from) {
        for (int i = 0; i < word.length(); i++) if (word.charAt(i) != lowerAscii(text.charAt(from + i))) return false;
        return true;
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
