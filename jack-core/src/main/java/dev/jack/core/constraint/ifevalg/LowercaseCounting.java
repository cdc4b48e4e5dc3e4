package dev.jack.core.constraint.ifevalg;

import dev.jack.core.text.PyText;
import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.constraint.Parameter;


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
        long lowercase = PyText.wordRuns(response).stream().filter(w -> w.chars().allMatch(c -> c >= 'a' && c <= 'z')).count();
        return lowercase <= n;
    }
}
