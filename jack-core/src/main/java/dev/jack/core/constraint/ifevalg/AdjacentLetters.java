package dev.jack.core.constraint.ifevalg;

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

/**
 * keywords:no_adjacent_consecutive — no whitespace word's lower-cased first character is the next code
 * point after the previous word's; a first character whose lower case is two characters (e.g. 'İ')
 * fails.
 */
public record AdjacentLetters() implements Constraint {
    public static final String ID = "keywords:no_adjacent_consecutive";

    public static final ConstraintType<AdjacentLetters> TYPE = ConstraintType.builder(ID, AdjacentLetters::parse)
            .example(new AdjacentLetters())
            .alone("every pair of neighbouring words is constrained, which other constraints' words would break")
            .hardness(0.6)
            .phrasings("No two adjacent words can start with consecutive letters of the alphabet.",
                    "Make sure no word is followed by a word starting with the next letter of the alphabet.",
                    "Avoid neighbouring words whose first letters are consecutive in the alphabet (like a then b).")
            .synthesis(500, () -> Sampling.INSTANCE)
            .build();

    private static AdjacentLetters parse(Kwargs k) {
        return new AdjacentLetters();
    }

    public ConstraintType<AdjacentLetters> type() { return TYPE; }

    public String description() {
        return "No two adjacent words can start with consecutive letters of the alphabet.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> words = PyText.words(response);
        for (int i = 0; i + 1 < words.size(); i++) {
            String first = PyText.lower(PyText.first(words.get(i)));
            String second = PyText.lower(PyText.first(words.get(i + 1)));
            if (PyText.length(first) != 1 || PyText.length(second) != 1) return false;
            if (second.codePointAt(0) - first.codePointAt(0) == 1) return false;
        }
        return true;
    }

    /** Failed: each pair of neighbouring words that breaks the rule; passed: the whole text. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.failingOrWhole(response, offending(response), "neighbouring words with consecutive first letters", "no neighbouring words with consecutive first letters");
    }

    /** The pairs of neighbouring whitespace words the checker rejects, each from the first's start to the second's end. */
    private static List<int[]> offending(String response) {
        return Edits.failingPairs(response, pair -> new AdjacentLetters().isFollowedBy(pair, null));
    }

    /** A sentence with two such words ("Just keep") added at the end. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(List.of(Edits.appending("add_sentence", response, "Just keep going.")), r -> !isFollowedBy(r, text));
    }

    /** The second word of each offending pair cut, the first pair first, until none is left (at most 20). */
    public List<Edit> repairs(String response, TextTools text) {
        String edited = Edits.cutPairs(response, AdjacentLetters::offending, r -> isFollowedBy(r, text), 20);
        return edited == null ? List.of() : List.of(new Edit("remove_words", edited));
    }

    /** Three to five pool sentences that follow it alone and where they meet (a pool that has none is dropped). */
    private enum Sampling implements Sketch<AdjacentLetters> {
        INSTANCE;

        public void content(Draft d) {
            AdjacentLetters check = new AdjacentLetters();
            String text = d.chainPool(s -> check.isFollowedBy(s, d.text()), d.between(3, 5));
            if (!text.isEmpty()) d.witness().setText(text);
        }

        public AdjacentLetters finish(Draft d) {
            return new AdjacentLetters();
        }
    }
}
