package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.constraint.Parameter;


import java.util.Map;

/**
 * letters:letter_counting — the response has less than / at least N ASCII letters. The reference takes
 * any relation text and answers None (not followed) for one other than "less than" and "at least".
 */
public record LetterCounting(int n, String relation) implements Constraint {
    public static final String ID = "letters:letter_counting";

    public static final ConstraintType<LetterCounting> TYPE = ConstraintType.builder(ID, LetterCounting::parse)
            .parameters(Parameter.integer("N", 1), Parameter.string("relation"))
            .example(new LetterCounting(91, "less than"))
            .build();

    private static LetterCounting parse(Kwargs k) {
        return new LetterCounting(k.integer("N", 1, Kwargs.RANDOM_IF_ZERO), k.nonEmpty("relation"));
    }

    public ConstraintType<LetterCounting> type() { return TYPE; }



    public String description() {
        return "Answer with " + relation + " " + n + " letters.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("N", n, "relation", relation);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        long letters = response.chars().filter(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')).count();
        return switch (relation) {
            case "at least" -> letters >= n;
            case "less than" -> letters < n;
            default -> false;
        };
    }
}
