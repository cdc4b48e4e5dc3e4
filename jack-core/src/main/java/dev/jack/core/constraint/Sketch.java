package dev.jack.core.constraint;

/**
 * One constraint's part in one synthesis attempt: it samples the constraint's parameters and shapes the
 * witness response, in five phases that every constraint of the prompt goes through together. Within a
 * phase the constraints' steps run by {@link ConstraintType#synthesisOrder()}, so an attempt's random
 * draws come in a fixed order and the same seed gives the same prompts.
 * <ol>
 *   <li>{@link #vocabulary}: the response language, the sentence pool, words to use or avoid;</li>
 *   <li>{@link #layout}: how many blocks (paragraphs) the witness has; then each block gets a sentence;</li>
 *   <li>{@link #content}: lines, sentences, markers, case and wrappers that the constraint needs;</li>
 *   <li>{@link #length}: more sentences until lower bounds hold; then the witness is rendered, final;</li>
 *   <li>{@link #finish}: parameters read off the final witness (upper bounds), and the constraint.</li>
 * </ol>
 * A sketch keeps its sampled values in its own fields between phases. The synthesizer then checks the
 * witness against every constraint and drops the attempt if one fails.
 *
 * @param <C> the constraint it makes
 */
public interface Sketch<C extends Constraint> {

    default void vocabulary(Draft draft) {}

    default void layout(Draft draft) {}

    default void content(Draft draft) {}

    default void length(Draft draft) {}

    /**
     * The constraint with its parameters, given the final witness ({@link Draft#witnessText()}); null when
     * this witness cannot carry it (the attempt is dropped and counted under this constraint's id).
     */
    C finish(Draft draft);
}
