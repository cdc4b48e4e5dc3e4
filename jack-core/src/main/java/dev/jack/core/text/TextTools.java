package dev.jack.core.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The language machinery checkers need: Punkt sentence splitting, NLTK word tokenization and language
 * identification. The Punkt model is loaded on first use, so constraint sets without sentence or
 * capital-word counts never need it.
 */
public final class TextTools {
    private final Supplier<PunktParameters> punktSource;
    private final LanguageDetector languages = new LanguageDetector();
    private volatile PunktSentenceTokenizer sentences;
    private volatile NltkWordTokenizer words;
    /** The last answer of each analysis: checkers often ask twice about the same text (e.g. synthesis, then verification). */
    private volatile Memo<Integer> lastSentenceCount;
    private volatile Memo<List<String>> lastWords;
    private volatile Memo<Optional<String>> lastLanguage;

    private record Memo<T>(String text, T value) {}

    public TextTools(Supplier<PunktParameters> punktSource) {
        this.punktSource = punktSource;
    }

    private RuntimeException punktFailure;

    private PunktSentenceTokenizer sentenceTokenizer() {
        PunktSentenceTokenizer s = sentences;
        if (s == null) {
            synchronized (this) {
                // A model that could not be had is not looked for again (no second download attempt).
                if (punktFailure != null) throw punktFailure;
                try {
                    if (sentences == null) sentences = new PunktSentenceTokenizer(punktSource.get());
                } catch (RuntimeException e) {
                    punktFailure = e;
                    throw e;
                }
                s = sentences;
            }
        }
        return s;
    }

    /**
     * Starts loading, in the background, the models that these analyses need (the language profiles
     * take a few hundred milliseconds), so loading overlaps with other work.
     */
    public void prepareFor(Collection<TextAnalysis> analyses) {
        if (analyses.contains(TextAnalysis.LANGUAGE)) Thread.ofPlatform().daemon().start(LanguageDetector::preload);
        if (analyses.contains(TextAnalysis.SENTENCES) || analyses.contains(TextAnalysis.WORD_TOKENS)) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    sentenceTokenizer();
                } catch (RuntimeException e) {
                    // Not here: the first sentence count meets the same error and reports it to the user.
                }
            });
        }
    }

    public int countSentences(String text) {
        Memo<Integer> m = lastSentenceCount;
        if (m != null && m.text.equals(text)) return m.value;
        int count = sentenceTokenizer().countSentences(text);
        lastSentenceCount = new Memo<>(text, count);
        return count;
    }

    /**
     * The sentences Punkt finds, as {@code [start, end)} UTF-16 index pairs into the text, in order: the spans
     * {@link #countSentences} counts.
     */
    public List<int[]> sentenceSpans(String text) {
        List<Integer> flat = sentenceTokenizer().spans(text);
        List<int[]> spans = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i < flat.size(); i += 2) spans.add(new int[] {flat.get(i), flat.get(i + 1)});
        return spans;
    }

    public List<String> wordTokenize(String text) {
        Memo<List<String>> m = lastWords;
        if (m != null && m.text.equals(text)) return m.value;
        NltkWordTokenizer w = words;
        if (w == null) {
            w = new NltkWordTokenizer(sentenceTokenizer());
            words = w;
        }
        List<String> tokens = List.copyOf(w.tokenize(text));
        lastWords = new Memo<>(text, tokens);
        return tokens;
    }

    /**
     * Where each of {@link #wordTokenize}'s tokens is in the text, as {@code [start, end, index]} triples (the
     * token's index in that list), in order. Tokens the tokenizer rewrote (double quotes become {@code ``} and
     * {@code ''}) are not found and left out.
     */
    public List<int[]> wordTokenSpans(String text) {
        List<String> tokens = wordTokenize(text);
        List<int[]> spans = new ArrayList<>(tokens.size());
        int from = 0;
        for (int i = 0; i < tokens.size(); i++) {
            int at = text.indexOf(tokens.get(i), from);
            if (at < 0) continue;
            spans.add(new int[] {at, at + tokens.get(i).length(), i});
            from = at + tokens.get(i).length();
        }
        return spans;
    }

    public Optional<String> detectLanguage(String text) {
        Memo<Optional<String>> m = lastLanguage;
        if (m != null && m.text.equals(text)) return m.value;
        Optional<String> language = languages.detect(text);
        lastLanguage = new Memo<>(text, language);
        return language;
    }
}
