package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import dev.jack.core.text.PyText;

/** words:prime_lengths — every whitespace word (ASCII punctuation deleted) has a prime length below 100. */
public record PrimeLengths() implements Constraint {
    public static final String ID = "words:prime_lengths";

    public static final ConstraintType<PrimeLengths> TYPE = ConstraintType.builder(ID, PrimeLengths::parse)
            .example(new PrimeLengths())
            .build();

    private static PrimeLengths parse(Kwargs k) {
        return new PrimeLengths();
    }

    public ConstraintType<PrimeLengths> type() { return TYPE; }



    public String description() {
        return "Use only words with lengths that are prime numbers.";
    }

    private static boolean isListedPrime(int n) {
        if (n < 2 || n > 97) return false;
        for (int d = 2; d * d <= n; d++) if (n % d == 0) return false;
        return true;
    }

    public boolean isFollowedBy(String response, TextTools text) {
        for (String w : PyText.split(PyText.removePunctuation(response))) if (!isListedPrime(PyText.length(w))) return false;
        return true;
    }
}
