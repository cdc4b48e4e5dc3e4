package dev.jack.core.ifbench;

/**
 * A text analysis a checker needs beyond plain string operations, so that callers can load the
 * models involved ahead of time ({@link Analyses#prepareFor}).
 */
public enum Analysis {
    /** NLTK's Punkt sentence splitter ({@code nltk.sent_tokenize}, English). */
    PUNKT_SENTENCES,
    /** NLTK's {@code word_tokenize}: Treebank words within Punkt sentences. */
    WORD_TOKENS,
    /** Google IFEval's rule-based {@code split_into_sentences}, as IFEvalG uses it. */
    REGEX_SENTENCES,
    /** NLTK's averaged-perceptron POS tagger. */
    POS_TAGS,
    /** syllapy's syllable counts. */
    SYLLABLES,
    /** NLTK's English stop words. */
    STOP_WORDS,
    /** emoji 2.15.0's single-code-point emoji. */
    EMOJI,
    /** Whatever an IFEval constraint needs (Punkt, word tokens, language identification). */
    IFEVAL
}
