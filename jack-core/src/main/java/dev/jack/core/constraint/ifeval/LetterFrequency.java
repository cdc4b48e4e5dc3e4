package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.ParameterException;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Relation;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.text.Literals;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/**
 * keywords:letter_frequency — a letter occurs less than / at least N times, ignoring case.
 * The reference replaces a target that is not an ASCII letter (e.g. "#") with a random letter, so its
 * verdict varies between runs; Jack counts the given character itself, which is deterministic and what
 * the prompt asked for.
 */
public record LetterFrequency(String letter, int letFrequency, Relation letRelation) implements Constraint {
    public static final String ID = "keywords:letter_frequency";

    /** Letters whose counts synthesis may cap ("less than"): rare in {@link dev.jack.core.constraint.Vocabulary#ENGLISH}. */
    public static final String RARE_LETTERS = "jqxz";
    /** Letters whose counts synthesis may require ("at least") in English: common in its sentences. */
    public static final String COMMON_LETTERS = "aeinorst";

    public LetterFrequency {
        if (letter.codePointCount(0, letter.length()) != 1) {
            throw new ParameterException("letter", "must be a single character, got \"" + letter + "\"");
        }
        letter = PyText.lower(letter);
    }

    public static final ConstraintType<LetterFrequency> TYPE = ConstraintType.builder(ID, LetterFrequency::parse)
            .parameters(new Parameter("letter", "single character"), Parameter.integer("let_frequency", 0),
                    Parameter.relation("let_relation"))
            .example(new LetterFrequency("z", 3, Relation.LESS_THAN))
            .hardness(0.65)
            .phrasings("In your response, the letter {letter} should appear {let_relation} {let_frequency} {times}.",
                    "Use the letter \"{letter}\" {let_relation} {let_frequency} {times}.",
                    "Make sure the letter {letter} appears {let_relation} {let_frequency} {times} in your answer.")
            .synthesis(230, () -> Sampling.INSTANCE)
            .build();

    private static LetterFrequency parse(Kwargs k) {
        return new LetterFrequency(k.string("letter"), k.integer("let_frequency", 0), k.relation("let_relation"));
    }

    public ConstraintType<LetterFrequency> type() { return TYPE; }

    public String description() {
        return "In your response, the letter " + letter + " should appear " + letRelation.text() + " " + letFrequency + " times.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String lower = PyText.lower(response);
        int count = 0;
        for (int at = lower.indexOf(letter); at >= 0; at = lower.indexOf(letter, at + letter.length())) count++;
        return letRelation.holds(count, letFrequency);
    }

    public Map<String, Object> kwargs() {
        return Map.of("letter", letter, "let_frequency", letFrequency, "let_relation", letRelation.text());
    }

    /**
     * Read off the final witness: "less than" a rare letter's count plus 1-5; "at least" 1 up to a common
     * letter's count (capped at 40), or in another script one of the witness's own letters.
     */
    private enum Sampling implements Sketch<LetterFrequency> {
        INSTANCE;

        public LetterFrequency finish(Draft d) {
            String witness = d.witnessText();
            Relation relation = d.relation();
            String letters = relation == Relation.LESS_THAN ? RARE_LETTERS
                    : d.language().equals("en") ? COMMON_LETTERS : lettersOf(witness);
            String letter = String.valueOf(letters.charAt(d.nextInt(letters.length())));
            int present = Literals.countIgnoreCase(PyText.lower(witness), letter);
            if (relation == Relation.LESS_THAN) return new LetterFrequency(letter, present + d.between(1, 5), relation);
            if (present == 0) return null;
            return new LetterFrequency(letter, d.between(1, Math.min(present, 40)), relation);
        }

        /** The distinct lowercase letters of a text, for letter constraints on text in other scripts. */
        private static String lettersOf(String text) {
            StringBuilder letters = new StringBuilder();
            for (char ch : PyText.lower(text).toCharArray()) {
                if (Character.isLetter(ch) && letters.indexOf(String.valueOf(ch)) < 0) letters.append(ch);
            }
            return letters.toString();
        }
    }
}
