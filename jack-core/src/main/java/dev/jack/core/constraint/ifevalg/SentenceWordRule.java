package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.TextTools;

import java.util.List;

/**
 * first_word:first_word_sent and last_word:last_word_sent: a word that every regex-splitter sentence starts (or ends)
 * with. Their spans are each sentence's first (or last) word; a break adds a neutral sentence, a repair puts the word
 * where a sentence lacks it.
 */
interface SentenceWordRule extends Constraint {

    /** Whether the rule is on each sentence's last word (else its first). */
    boolean last();

    /** The word every sentence must start or end with. */
    String word();

    /** Each sentence's first (or last) whitespace word, marked when it is not the word. */
    default List<Span> spans(String response, TextTools text) {
        return Words.sentenceWordSpans(response, text, last(), word());
    }

    /** A sentence added at the start or at the end. */
    default List<Edit> breaks(String response, TextTools text) {
        return Words.sentenceWordBreaks(response, r -> isFollowedBy(r, text));
    }

    /** The word put before the first word (or after the last) of each sentence that lacks it. */
    default List<Edit> repairs(String response, TextTools text) {
        String edited = Words.sentenceWordRepair(response, text, last(), word());
        return Edits.verified(List.of(new Edit(last() ? "add_last_words" : "add_first_words", edited)), r -> isFollowedBy(r, text));
    }
}
