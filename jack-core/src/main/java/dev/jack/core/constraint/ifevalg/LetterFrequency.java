package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.constraint.Parameter;

import dev.jack.core.constraint.ParameterException;
import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Map;

/**
 * letters:letter_counting2 — the letter occurs in the lower-cased response less than / at least
 * let_frequency times (IFEval's LetterFrequencyChecker under IFEvalG's id). The reference replaces a
 * letter that is not one character lower-casing to a–z by a random one; Jack rejects it.
 */
public record LetterFrequency(String letter, int letFrequency, String letRelation) implements Constraint {
    public static final String ID = "letters:letter_counting2";

    public static final ConstraintType<LetterFrequency> TYPE = ConstraintType.builder(ID, LetterFrequency::parse)
            .parameters(Parameter.string("letter"), Parameter.integer("let_frequency", 0), Parameter.relation("let_relation"))
            .example(new LetterFrequency("s", 2, "less than"))
            .build();

    private static LetterFrequency parse(Kwargs k) {
        String raw = k.string("letter");
        String lower = PyText.lower(raw);
        if (raw.codePointCount(0, raw.length()) != 1 || lower.length() != 1 || lower.charAt(0) < 'a' || lower.charAt(0) > 'z') {
            throw new ParameterException("letter", "must be one letter a-z or A-Z (the reference picks a random one otherwise), got \"" + raw + "\"");
        }
        return new LetterFrequency(PyText.lower(PyText.strip(raw)), k.integer("let_frequency", 0, Kwargs.RANDOM_IF_NEGATIVE),
                k.oneOf("let_relation", List.of("less than", "at least")));
    }

    public ConstraintType<LetterFrequency> type() { return TYPE; }



    public String description() {
        return "In your response, the letter " + letter + " should appear " + letRelation + " " + letFrequency + " times.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("letter", letter, "let_frequency", letFrequency, "let_relation", letRelation);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        char c = letter.charAt(0);
        long count = PyText.lower(response).chars().filter(x -> x == c).count();
        return letRelation.equals("less than") ? count < letFrequency : count >= letFrequency;
    }
}
