package dev.jack.core.text;

/**
 * The language analyses a checker may ask {@link TextTools} for. Each constraint declares the ones its
 * checker uses, so the models behind them can be loaded ahead of the first check
 * ({@link TextTools#prepareFor}) without the text layer knowing any constraint.
 */
public enum TextAnalysis {
    /** Punkt sentence splitting: {@link TextTools#countSentences}. */
    SENTENCES,
    /** NLTK's {@code word_tokenize}: {@link TextTools#wordTokenize}. It splits sentences with Punkt first. */
    WORD_TOKENS,
    /** langdetect's language identification: {@link TextTools#detectLanguage}. */
    LANGUAGE
}
