package dev.jack.core.constraint;

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

    public LetterFrequency {
        if (letter.codePointCount(0, letter.length()) != 1) {
            throw new ParameterException("letter", "must be a single character, got \"" + letter + "\"");
        }
        letter = PyText.lower(letter);
    }

    static LetterFrequency parse(Kwargs k) {
        return new LetterFrequency(k.string("letter"), k.integer("let_frequency", 0), k.relation("let_relation"));
    }

    public String id() { return ID; }

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
}
