package dev.jack.core.text;

/**
 * The language analyses a checker may ask {@link TextTools} for. Each constraint declares the ones its
 * checker uses, so the models and tables behind them can be loaded ahead of the first check
 * ({@link TextTools#prepareFor}) without the text layer knowing any constraint.
 */
public enum TextAnalysis {
    /** Punkt sentence splitting ({@code nltk.sent_tokenize}): {@link TextTools#countSentences}, {@link TextTools#sentences}. */
    SENTENCES,
    /** NLTK's {@code word_tokenize}: {@link TextTools#wordTokenize}. It splits sentences with Punkt first. */
    WORD_TOKENS,
    /** langdetect's language identification: {@link TextTools#detectLanguage}. */
    LANGUAGE,
    /** Google IFEval's rule-based {@code split_into_sentences}, as IFEvalG uses it: {@link TextTools#regexSentences}. */
    REGEX_SENTENCES,
    /** NLTK's averaged-perceptron part-of-speech tagger: {@link TextTools#posTags}. */
    POS_TAGS,
    /** syllapy 0.7.2's syllable counts: {@link TextTools#syllables}. */
    SYLLABLES,
    /** NLTK's English stop words: {@link StopWords#isEnglishLowered}. */
    STOP_WORDS,
    /** emoji 2.15.0's single-code-point emoji: {@link TextTools#isEmoji}. */
    EMOJI
}
