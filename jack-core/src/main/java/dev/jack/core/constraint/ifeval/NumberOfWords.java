package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Relation;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** length_constraints:number_words — less than / at least N words, a word being a run of {@code \w}. */
public record NumberOfWords(int numWords, Relation relation) implements Constraint, LooseVariantsFail {
    public static final String ID = "length_constraints:number_words";

    public static final ConstraintType<NumberOfWords> TYPE = ConstraintType.builder(ID, NumberOfWords::parse)
            .parameters(Parameter.integer("num_words", 0), Parameter.relation("relation"))
            .example(new NumberOfWords(300, Relation.AT_LEAST))
            .hardness(0.45)
            .phrasings("Answer with {relation} {num_words} words.",
                    "Your response should be {relation} {num_words} words long.",
                    "Use {relation} {num_words} words.")
            .synthesis(150, Sampling::new)
            .build();

    private static NumberOfWords parse(Kwargs k) {
        return new NumberOfWords(k.integer("num_words", 0), k.relation("relation"));
    }

    public ConstraintType<NumberOfWords> type() { return TYPE; }

    public String description() {
        return "Answer with " + relation.text() + " " + numWords + " words.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return relation.holds(PyText.countWordRuns(response), numWords);
    }

    /**
     * "At least" only: no loose variant has more word runs than the response. A variant is a substring of the response
     * (its runs each inside one of the response's) with '*' chars, not word chars, taken out (which joins runs or leaves
     * them). Not where a '*' is next to a surrogate: taking it out may join two surrogates of no class into a letter.
     */
    public boolean variantsFailWith(String response) {
        return relation == Relation.AT_LEAST && !starNextToSurrogate(response);
    }

    /**
     * Whether a '*' of the text is next to a surrogate: taking the stars out may then join a high and a low surrogate
     * into one code point. Otherwise taking a '*' out leaves the other code points as they were, side by side.
     */
    static boolean starNextToSurrogate(String text) {
        int n = text.length();
        for (int i = PyText.indexOf(text, '*', 0); i >= 0; i = PyText.indexOf(text, '*', i + 1)) {
            if ((i > 0 && Character.isSurrogate(text.charAt(i - 1))) || (i + 1 < n && Character.isSurrogate(text.charAt(i + 1)))) {
                return true;
            }
        }
        return false;
    }

    /** "Less than" and too many: the words from the N-th on; otherwise all the words (and, too few, where more would go). */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> words = PyText.wordRuns(response);
        int count = words.size();
        if (relation == Relation.LESS_THAN && count >= numWords) {
            int first = Math.max(0, numWords - 1);
            return List.of(new Span(words.get(first)[0], words.getLast()[1], "words " + (first + 1) + " to " + count + " (fewer than " + numWords + " allowed)"));
        }
        List<Span> out = new ArrayList<>(2);
        if (count > 0) out.add(new Span(words.getFirst()[0], words.getLast()[1], count + " words"));
        if (relation == Relation.AT_LEAST && count < numWords) out.add(Span.missing(Edits.textEnd(response), (numWords - count) + " more words (at least " + numWords + " needed)"));
        return out;
    }

    /** Whole sentences cut ("at least") or added ("less than") until the count is on the other side of N. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.bySentences(response, text, relation == Relation.AT_LEAST, r -> !isFollowedBy(r, text));
    }

    /** The reverse of {@link #breaks}. */
    public List<Edit> repairs(String response, TextTools text) {
        return Edits.bySentences(response, text, relation == Relation.LESS_THAN, r -> isFollowedBy(r, text));
    }

    public Map<String, Object> kwargs() { return Map.of("num_words", numWords, "relation", relation.text()); }

    /** "At least" 40-300 (in tens): sentences are added until the witness is that long; "less than" 5-80 above its final length. */
    private static final class Sampling implements Sketch<NumberOfWords> {
        private Relation relation;
        private int words;

        public void length(Draft d) {
            relation = d.relation();
            if (relation == Relation.LESS_THAN) return;
            words = 10 * d.between(4, 30);
            for (int n = PyText.countWordRuns(d.witness().render()); n < words; n = PyText.countWordRuns(d.witness().render())) {
                for (int add = (words - n) / 8 + 1; add > 0; add--) d.addSentence(d.sentence());
            }
        }

        public NumberOfWords finish(Draft d) {
            if (relation == Relation.LESS_THAN) words = PyText.countWordRuns(d.witnessText()) + d.between(5, 80);
            return new NumberOfWords(words, relation);
        }
    }
}
