package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Relation;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/** length_constraints:number_words — less than / at least N words, a word being a run of {@code \w}. */
public record NumberOfWords(int numWords, Relation relation) implements Constraint {
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
