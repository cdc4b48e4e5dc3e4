package dev.jack.core.text;

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

    public TextTools(Supplier<PunktParameters> punktSource) {
        this.punktSource = punktSource;
    }

    private PunktSentenceTokenizer sentenceTokenizer() {
        PunktSentenceTokenizer s = sentences;
        if (s == null) {
            synchronized (this) {
                if (sentences == null) sentences = new PunktSentenceTokenizer(punktSource.get());
                s = sentences;
            }
        }
        return s;
    }

    public int countSentences(String text) {
        return sentenceTokenizer().countSentences(text);
    }

    public List<String> wordTokenize(String text) {
        NltkWordTokenizer w = words;
        if (w == null) {
            w = new NltkWordTokenizer(sentenceTokenizer());
            words = w;
        }
        return w.tokenize(text);
    }

    public Optional<String> detectLanguage(String text) {
        return languages.detect(text);
    }
}
