package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/**
 * count:lowercase_counting — at most N matches of {@code \b[a-z]+\b}, i.e. runs of word characters that
 * are all ASCII lower-case letters ("héllo" is none).
 */
public record LowercaseCounting(int n) implements Constraint {
    public static final String ID = "count:lowercase_counting";

    public static final ConstraintType<LowercaseCounting> TYPE = ConstraintType.builder(ID, LowercaseCounting::parse)
            .parameters(Parameter.integer("N", 1))
            .example(new LowercaseCounting(14))
            .hardness(0.55)
            .phrasings("In your response, all lowercase words should appear at most {N} times.",
                    "Use at most {N} all-lowercase words in your answer.",
                    "No more than {N} of your words may be written entirely in lowercase.")
            .synthesis(900, () -> Sampling.INSTANCE)
            .build();

    private static LowercaseCounting parse(Kwargs k) {
        return new LowercaseCounting(k.integer("N", 1, Kwargs.RANDOM_IF_ZERO));
    }

    public ConstraintType<LowercaseCounting> type() { return TYPE; }

    public String description() {
        return "In your response, all lowercase words should appear at most " + n + " times.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("N", n);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return lowercaseWords(response) <= n;
    }

    /** The {@code \w+} words made of a-z only. */
    private static int lowercaseWords(String response) {
        return (int) PyText.wordRunTexts(response).stream().filter(w -> w.chars().allMatch(c -> c >= 'a' && c <= 'z')).count();
    }

    /** Read off the final witness: its lowercase words, plus 0 to 10. */
    private enum Sampling implements Sketch<LowercaseCounting> {
        INSTANCE;

        public LowercaseCounting finish(Draft d) {
            return new LowercaseCounting(Math.max(1, lowercaseWords(d.witnessText()) + d.between(0, 10)));
        }
    }
}
