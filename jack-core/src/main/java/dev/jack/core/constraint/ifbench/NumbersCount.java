package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.constraint.Parameter;

import dev.jack.core.text.PyText;

import java.util.Map;

/**
 * count:numbers — exactly N numbers: runs of decimal digits (any script) after ASCII punctuation is
 * deleted, so "3.14", "1,000" and "2024-05-01" are one number each.
 */
public record NumbersCount(int n) implements Constraint {
    public static final String ID = "count:numbers";

    public static final ConstraintType<NumbersCount> TYPE = ConstraintType.builder(ID, NumbersCount::parse)
            .parameters(Parameter.integer("N", 0))
            .example(new NumbersCount(2))
            .build();

    private static NumbersCount parse(Kwargs k) {
        return new NumbersCount(k.integer("N", 0, Kwargs.RANDOM_IF_NEGATIVE));
    }

    public ConstraintType<NumbersCount> type() { return TYPE; }



    public String description() {
        return "Include exactly " + n + " numbers in the response.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("N", n);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String s = PyText.removePunctuation(response);
        int numbers = 0;
        boolean inNumber = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean digit = PyText.isDecimal(cp);
            if (digit && !inNumber) numbers++;
            inNumber = digit;
            i += Character.charCount(cp);
        }
        return numbers == n;
    }
}
