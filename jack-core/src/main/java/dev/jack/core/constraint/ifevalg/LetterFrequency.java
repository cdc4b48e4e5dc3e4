package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.ParameterException;
import dev.jack.core.constraint.Relation;
import dev.jack.core.constraint.SameCheck;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;

/**
 * letters:letter_counting2 — the letter occurs in the lower-cased response less than / at least
 * let_frequency times (IFEval's LetterFrequencyChecker under IFEvalG's id). The reference replaces a
 * letter that is not one character lower-casing to a–z by a random one; Jack rejects it.
 */
public record LetterFrequency(String letter, int letFrequency, String letRelation) implements SameCheck {
    public static final String ID = "letters:letter_counting2";

    public static final ConstraintType<LetterFrequency> TYPE = ConstraintType.builder(ID, LetterFrequency::parse)
            .parameters(Parameter.string("letter"), Parameter.integer("let_frequency", 0), Parameter.relation("let_relation"))
            .example(new LetterFrequency("s", 2, "less than"))
            .conflict(ResponseLanguage.ID, "the letter is one of a to z, which a response in another script may not have")
            .hardness(0.6)
            .phrasings("In your response, the letter {letter} should appear {let_relation} {let_frequency} times.",
                    "Use the letter {letter} {let_relation} {let_frequency} {times}.",
                    "The letter \"{letter}\" must occur {let_relation} {let_frequency} {times} in your answer.")
            .synthesis(900, () -> Sampling.INSTANCE)
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

    /** How often the (lowercase) letter occurs in the lower-cased response. */
    private static int count(String response, char letter) {
        return (int) PyText.lower(response).chars().filter(x -> x == letter).count();
    }

    public boolean isFollowedBy(String response, TextTools text) {
        int count = count(response, letter.charAt(0));
        return letRelation.equals("less than") ? count < letFrequency : count >= letFrequency;
    }

    /** The same check as IFEval's keywords:letter_frequency, whose spans and edits this one has. */
    public dev.jack.core.constraint.ifeval.LetterFrequency sameAs() {
        return new dev.jack.core.constraint.ifeval.LetterFrequency(letter, letFrequency, letRelation.equals("less than") ? Relation.LESS_THAN : Relation.AT_LEAST);
    }

    /** Read off the final witness as IFEval's letter frequency is: "less than" a rare letter, "at least" a common letter it has. */
    private enum Sampling implements Sketch<LetterFrequency> {
        INSTANCE;

        public LetterFrequency finish(Draft d) {
            Relation relation = d.relation();
            String witness = d.witnessText();
            String letters = relation == Relation.LESS_THAN ? dev.jack.core.constraint.ifeval.LetterFrequency.RARE_LETTERS
                    : dev.jack.core.constraint.ifeval.LetterFrequency.COMMON_LETTERS.chars().filter(c -> count(witness, (char) c) > 0)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            if (letters.isEmpty()) return null;
            String letter = String.valueOf(letters.charAt(d.nextInt(letters.length())));
            int present = count(witness, letter.charAt(0));
            if (relation == Relation.LESS_THAN) return new LetterFrequency(letter, present + d.between(1, 5), relation.text());
            return new LetterFrequency(letter, d.between(1, Math.min(present, 40)), relation.text());
        }
    }
}
