package dev.jack.core.constraint;

import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.function.Predicate;

/**
 * A constraint that needs at least some count of something in the whole response (IFBench's count:pronouns,
 * count:unique_word_count, count:conjunctions, count:person_names,
 * words:palindrome): a break cuts Punkt's sentences from the end until the
 * count falls short; a repair adds {@link #addedSentences()} (cycled, at most 60) until it is met. Each edit is
 * checked with the constraint's own checker.
 */
public interface AtLeastCount extends Constraint {

    /** The operation name of a repair ("add_pronouns"). */
    String addOperation();

    /** The sentences a repair adds in turn, each raising the count. */
    List<String> addedSentences();

    /** Sentences cut from the end until there are too few. */
    default List<Edit> breaks(String response, TextTools text) {
        Predicate<String> fails = r -> !isFollowedBy(r, text);
        return Edits.verified(Edits.bySentences(response, text, true, fails), fails);
    }

    /** {@link #addedSentences()} added until there are enough. */
    default List<Edit> repairs(String response, TextTools text) {
        Predicate<String> followed = r -> isFollowedBy(r, text);
        return Edits.verified(Edits.addUntil(addOperation(), response, addedSentences(), Edits.MAX_ADDED_FOR_LENGTH, followed), followed);
    }
}
