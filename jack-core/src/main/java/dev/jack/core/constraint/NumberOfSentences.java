package dev.jack.core.constraint;

import dev.jack.core.text.TextTools;

import java.util.Map;

/** length_constraints:number_sentences — Punkt counts less than / at least N sentences. */
public record NumberOfSentences(int numSentences, Relation relation) implements Constraint {
    public static final String ID = "length_constraints:number_sentences";

    static NumberOfSentences parse(Kwargs k) {
        return new NumberOfSentences(k.integer("num_sentences", 0), k.relation("relation"));
    }

    public String id() { return ID; }

    public String description() {
        return "Your response should contain " + relation.text() + " " + numSentences + " sentences.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return relation.holds(text.countSentences(response), numSentences);
    }

    public Map<String, Object> kwargs() { return Map.of("num_sentences", numSentences, "relation", relation.text()); }
}
