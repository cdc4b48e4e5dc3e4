package dev.jack.core.constraint;

import dev.jack.core.text.TextTools;

import java.util.List;

/**
 * A constraint that each whitespace word follows on its own (IFBench's words:consonants and words:prime_lengths): its
 * spans are the words that fail it, checked one at a time; a repair cuts them, a break adds {@link #failingSentence()}.
 */
public interface WordByWord extends Constraint {

    /** A short sentence whose word fails the rule ("Go."), which a break adds in the response's letter case. */
    String failingSentence();

    /** What a failing word is called in spans ("word without two adjacent consonants"). */
    String failingLabel();

    /** Each word that fails the check alone. */
    default List<Span> spans(String response, TextTools text) {
        return Edits.numbered(Edits.failingWords(response, w -> isFollowedBy(w, text)), failingLabel());
    }

    /** {@link #failingSentence()} added at the end. */
    default List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(List.of(Edits.appending("add_word", response, failingSentence())), r -> !isFollowedBy(r, text));
    }

    /** Every word that fails the check alone cut. */
    default List<Edit> repairs(String response, TextTools text) {
        return Edits.verified(List.of(new Edit("remove_words", Edits.cutAll(response, Edits.failingWords(response, w -> isFollowedBy(w, text))))),
                r -> isFollowedBy(r, text));
    }
}
