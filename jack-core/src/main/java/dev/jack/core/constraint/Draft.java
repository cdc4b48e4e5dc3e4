package dev.jack.core.constraint;

import dev.jack.core.text.TextTools;

import java.util.List;

/**
 * A prompt being synthesized, as its constraints' {@link Sketch}es see it: the attempt's random draws, the
 * base task, the other constraints, the sentence pool and the witness response. Methods say in which
 * phases they may be used; all random draws come from the attempt's own generator.
 */
public interface Draft {

    /** A uniform draw from 0 (inclusive) to {@code bound} (exclusive). */
    int nextInt(int bound);

    /** A uniform draw from {@code lo} to {@code hi}, both inclusive. */
    int between(int lo, int hi);

    /** A uniform pick from a non-empty list. */
    <T> T pick(List<T> list);

    /** "at least" or "less than", even odds. */
    Relation relation();

    /** Whether the prompt also has this constraint (any phase). */
    boolean has(String id);

    /** The base task's text. */
    String taskText();

    /** Keeps the task as the prompt's first sentence (no constraint wording before it). */
    void keepTaskFirst();

    /** The response language, a langdetect code: "en" unless a constraint set another. */
    String language();

    /** Sets the response language and the sentences the witness is written in (vocabulary phase). */
    void setLanguage(String language, List<String> sentences);

    /** The sentences the witness is written in. */
    List<String> pool();

    /** Replaces the sentence pool, e.g. with a filtered one (vocabulary phase, before any {@link #sentence()}). */
    void setPool(List<String> sentences);

    /** {@code n} distinct keywords ({@link Vocabulary#KEYWORDS}) not yet used in this prompt nor in its task. */
    List<String> freshKeywords(int n);

    /** A sentence that mentions the keyword once. */
    String keywordSentence(String keyword);

    /** How many blocks (paragraphs) the witness will have (layout phase). */
    int blockCount();

    void setBlockCount(int blocks);

    /** Says that a line (a title, the repeated request) will precede the first block's sentences (layout phase). */
    void reserveFrontMatter();

    /** Whether some constraint reserved front matter. */
    boolean hasFrontMatter();

    /** The next pool sentence, from a shuffled deck that is used up before any sentence repeats. */
    String sentence();

    /** The witness being built (content and length phases; read-only after). */
    Witness witness();

    /** Adds a sentence at the end of a random prose line of the witness. */
    void addSentence(String sentence);

    /** The text analyses checkers use, to measure the witness as they will. */
    TextTools text();

    /** The final witness text (finish phase). */
    String witnessText();
}
