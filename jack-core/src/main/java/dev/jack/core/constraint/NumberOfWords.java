package dev.jack.core.constraint;

import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/** length_constraints:number_words — less than / at least N words, a word being a run of {@code \w}. */
public record NumberOfWords(int numWords, Relation relation) implements Constraint {
    public static final String ID = "length_constraints:number_words";

    static NumberOfWords parse(Kwargs k) {
        return new NumberOfWords(k.integer("num_words", 0), k.relation("relation"));
    }

    public String id() { return ID; }

    public String description() {
        return "Answer with " + relation.text() + " " + numWords + " words.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return relation.holds(PyText.countWordRuns(response), numWords);
    }

    public Map<String, Object> kwargs() { return Map.of("num_words", numWords, "relation", relation.text()); }
}
