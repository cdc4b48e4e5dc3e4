package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.List;

/** words:no_consecutive — no two neighbouring lower-cased whitespace words (punctuation deleted) start with the same character. */
public record NoConsecutiveFirstLetter() implements Constraint {
    public static final String ID = "words:no_consecutive";

    public static final ConstraintType<NoConsecutiveFirstLetter> TYPE = ConstraintType.builder(ID, NoConsecutiveFirstLetter::parse)
            .example(new NoConsecutiveFirstLetter())
            .alone("every pair of neighbouring words is constrained, which other constraints' words would break")
            .hardness(0.7)
            .phrasings("No two consecutive words can share the same first letter.",
                    "Make sure no two neighbouring words start with the same letter.",
                    "Avoid starting two words in a row with the same letter anywhere in your answer.")
            .synthesis(500, () -> Sampling.INSTANCE)
            .build();

    private static NoConsecutiveFirstLetter parse(Kwargs k) {
        return new NoConsecutiveFirstLetter();
    }

    public ConstraintType<NoConsecutiveFirstLetter> type() { return TYPE; }

    public String description() {
        return "No two consecutive words can share the same first letter.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        // The words read one at a time: the first pair with one first letter ends the scan. Deleting punctuation (never
        // whitespace) drops a word of punctuation only and leaves the others' characters in place, and lower-casing
        // changes no punctuation, so the words are read in the response itself.
        int previous = -1;
        int end = 0;
        for (int start; (start = PyText.wordStart(response, end)) < response.length(); ) {
            end = PyText.wordEnd(response, start);
            int first = Regions.firstLoweredWithoutPunctuation(response, start, end);
            if (first < 0) continue;
            if (first == previous) return false;
            previous = first;
        }
        return true;
    }

    /** Each pair of neighbouring words with the same first letter. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.numbered(Edits.failingPairs(response, p -> isFollowedBy(p, text)), "pair of neighbouring words with the same first letter");
    }

    /** Two words with the same first letter ("Big bold") added. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(List.of(Edits.appending("add_words", response, "Big bold.")), r -> !isFollowedBy(r, text));
    }

    /** The second word of each offending pair cut, the first pair first (at most 20). */
    public List<Edit> repairs(String response, TextTools text) {
        String edited = Edits.cutPairs(response, r -> Edits.failingPairs(r, p -> isFollowedBy(p, text)), r -> isFollowedBy(r, text), 20);
        return edited == null ? List.of() : List.of(new Edit("remove_words", edited));
    }

    /** Three to five pool sentences that follow it alone and where they meet (a pool that has none is dropped). */
    private enum Sampling implements Sketch<NoConsecutiveFirstLetter> {
        INSTANCE;

        public void content(Draft d) {
            NoConsecutiveFirstLetter check = new NoConsecutiveFirstLetter();
            String text = d.chainPool(s -> check.isFollowedBy(s, d.text()), d.between(3, 5));
            if (!text.isEmpty()) d.witness().setText(text);
        }

        public NoConsecutiveFirstLetter finish(Draft d) {
            return new NoConsecutiveFirstLetter();
        }
    }
}
