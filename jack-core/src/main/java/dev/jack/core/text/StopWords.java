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
        /** The same words, looked up with a run of text lower-cased in place. */
        static final AsciiLoweredSet LOWERED = new AsciiLoweredSet(ENGLISH);
    }

    /** Whether the (already lower-cased) token is an English stop word. */
    public static boolean isEnglish(String token) {
        return Holder.ENGLISH.contains(token);
    }

    /**
     * Whether {@code text[from, to)}, lower-cased as Python's {@code str.lower()} does, is an English stop word
     * ({@link AsciiLoweredSet#containsPyLowered}: an ASCII run looked up in place, no string made).
     */
    public static boolean isEnglishLowered(String text, int from, int to) {
        return Holder.LOWERED.containsPyLowered(text, from, to);
    }
}
