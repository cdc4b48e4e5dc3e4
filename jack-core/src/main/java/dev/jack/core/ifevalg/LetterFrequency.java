package dev.jack.core.ifevalg;

import dev.jack.core.constraint.ParameterException;
import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;
import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Map;

/**
 * letters:letter_counting2 — the letter occurs in the lower-cased response less than / at least
 * let_frequency times (IFEval's LetterFrequencyChecker under IFEvalG's id). The reference replaces a
 * letter that is not one character lower-casing to a–z by a random one; Jack rejects it.
 */
public record LetterFrequency(String letter, int letFrequency, String letRelation) implements Checker {
    public static final String ID = "letters:letter_counting2";

    static LetterFrequency parse(Args a) {
        String raw = a.string("letter");
        String lower = PyText.lower(raw);
        if (raw.codePointCount(0, raw.length()) != 1 || lower.length() != 1 || lower.charAt(0) < 'a' || lower.charAt(0) > 'z') {
            throw new ParameterException("letter", "must be one letter a-z or A-Z (the reference picks a random one otherwise), got \"" + raw + "\"");
        }
        return new LetterFrequency(PyText.lower(PyText.strip(raw)), a.integer("let_frequency", 0, Args.RANDOM_IF_NEGATIVE),
                a.oneOf("let_relation", List.of("less than", "at least")));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "In your response, the letter " + letter + " should appear " + letRelation + " " + letFrequency + " times.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("letter", letter, "let_frequency", letFrequency, "let_relation", letRelation);
    }

    public boolean check(String response, Analyses text) {
        char c = letter.charAt(0);
        long count = PyText.lower(response).chars().filter(x -> x == c).count();
        return letRelation.equals("less than") ? count < letFrequency : count >= letFrequency;
    }
}
