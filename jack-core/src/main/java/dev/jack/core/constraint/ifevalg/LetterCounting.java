package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Relation;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.TextTools;

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
            .conflict(ResponseLanguage.ID, "letters are counted from a to z, which a response in another script may not have")
            .hardness(0.5)
            .phrasings("Answer with {relation} {N} letters.",
                    "Your response should contain {relation} {N} letters (a to z, either case).",
                    "Use {relation} {N} letters in total.")
            .synthesis(900, () -> Sampling.INSTANCE)
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

    /** The ASCII letters a-z and A-Z. */
    private static int letters(String response) {
        return (int) response.chars().filter(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')).count();
    }

    public boolean isFollowedBy(String response, TextTools text) {
        int letters = letters(response);
        return switch (relation) {
            case "at least" -> letters >= n;
            case "less than" -> letters < n;
            default -> false;
        };
    }

    /** Read off the final witness: "at least" half to all of its a-z letters, "less than" 1 to 60 more than it has. */
    private enum Sampling implements Sketch<LetterCounting> {
        INSTANCE;

        public LetterCounting finish(Draft d) {
            int letters = letters(d.witnessText());
            Relation relation = d.relation();
            if (relation == Relation.LESS_THAN) return new LetterCounting(letters + d.between(1, 60), relation.text());
            return letters == 0 ? null : new LetterCounting(d.between((letters + 1) / 2, letters), relation.text());
        }
    }
}
