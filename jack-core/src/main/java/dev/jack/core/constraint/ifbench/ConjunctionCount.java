package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.constraint.Parameter;

import dev.jack.core.text.PyText;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * count:conjunctions — at least small_n distinct coordinating conjunctions. A whitespace word counts
 * when, stripped of ASCII punctuation and lower-cased, it is one of and/but/for/nor/or/so/yet; the
 * distinct ones are the raw words, so "and", "And" and "and," are three.
 */
public record ConjunctionCount(int smallN) implements Constraint {
    public static final String ID = "count:conjunctions";

    public static final ConstraintType<ConjunctionCount> TYPE = ConstraintType.builder(ID, ConjunctionCount::parse)
            .parameters(Parameter.integer("small_n", 0))
            .example(new ConjunctionCount(5))
            .build();

    private static final Set<String> CONJUNCTIONS = Set.of("and", "but", "for", "nor", "or", "so", "yet");

    private static ConjunctionCount parse(Kwargs k) {
        return new ConjunctionCount(k.integer("small_n", 0, Kwargs.RANDOM_IF_NEGATIVE));
    }

    public ConstraintType<ConjunctionCount> type() { return TYPE; }



    public String description() {
        return "Use at least " + smallN + " different coordinating conjunctions in the response.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("small_n", smallN);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        Set<String> found = new HashSet<>();
        for (String w : PyText.split(response)) {
            if (CONJUNCTIONS.contains(PyText.lower(PyText.stripPunctuation(w)))) found.add(w);
        }
        return found.size() >= smallN;
    }
}
