package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.constraint.Parameter;

import dev.jack.core.text.PyText;

import java.util.HashMap;
import java.util.Map;

/** words:repeats — no lower-cased whitespace word (ASCII punctuation deleted) occurs more than small_n times. */
public record LimitedWordRepeat(int smallN) implements Constraint {
    public static final String ID = "words:repeats";

    public static final ConstraintType<LimitedWordRepeat> TYPE = ConstraintType.builder(ID, LimitedWordRepeat::parse)
            .parameters(Parameter.integer("small_n", 0))
            .example(new LimitedWordRepeat(4))
            .build();

    private static LimitedWordRepeat parse(Kwargs k) {
        return new LimitedWordRepeat(k.integer("small_n", 0, Kwargs.RANDOM_IF_NEGATIVE));
    }

    public ConstraintType<LimitedWordRepeat> type() { return TYPE; }



    public String description() {
        return "The response should not repeat any word more than " + smallN + " times.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("small_n", smallN);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        Map<String, Integer> counts = new HashMap<>();
        for (String w : PyText.split(PyText.removePunctuation(PyText.lower(response)))) {
            if (counts.merge(w, 1, Integer::sum) > smallN) return false;
        }
        return true;
    }
}
