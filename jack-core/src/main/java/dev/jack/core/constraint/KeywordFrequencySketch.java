package dev.jack.core.constraint;

import java.util.function.ToIntBiFunction;

/**
 * How keyword-frequency constraints are synthesized (IFEval's {@code keywords:frequency}, IFEvalG's
 * {@code keywords:word_count_different_numbers}, which count differently): a fresh keyword; "at least" 1 to 4, with
 * that many keyword sentences in the witness; "less than" 1 to 3 above the final witness's count, and at least 2.
 *
 * @param <C> the constraint it makes
 */
public final class KeywordFrequencySketch<C extends Constraint> implements Sketch<C> {
    /** Builds the constraint from the sampled keyword, frequency and relation. */
    public interface Make<C> {
        C make(String keyword, int frequency, Relation relation);
    }

    private final ToIntBiFunction<String, String> count;
    private final Make<C> make;
    private String keyword;
    private Relation relation;
    private int frequency;

    /** @param count how often the keyword (first argument) occurs in a text (second), as the checker counts */
    public KeywordFrequencySketch(ToIntBiFunction<String, String> count, Make<C> make) {
        this.count = count;
        this.make = make;
    }

    public void vocabulary(Draft d) {
        keyword = d.freshKeywords(1).getFirst();
    }

    public void content(Draft d) {
        relation = d.relation();
        if (relation == Relation.AT_LEAST) {
            frequency = d.between(1, 4);
            for (int f = 0; f < frequency; f++) d.addSentence(d.keywordSentence(keyword));
        }
    }

    public C finish(Draft d) {
        if (relation == Relation.LESS_THAN) frequency = Math.max(2, count.applyAsInt(keyword, d.witnessText()) + d.between(1, 3));
        return make.make(keyword, frequency, relation);
    }
}
