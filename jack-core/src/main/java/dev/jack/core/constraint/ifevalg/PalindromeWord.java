package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import dev.jack.core.text.PyText;

/** keywords:palindrome — some whitespace word reads the same reversed, case-sensitively; "I" and "a" count. */
public record PalindromeWord() implements Constraint {
    public static final String ID = "keywords:palindrome";

    public static final ConstraintType<PalindromeWord> TYPE = ConstraintType.builder(ID, PalindromeWord::parse)
            .example(new PalindromeWord())
            .build();

    private static PalindromeWord parse(Kwargs k) {
        return new PalindromeWord();
    }

    public ConstraintType<PalindromeWord> type() { return TYPE; }



    public String description() {
        return "Include a palindrome in your response.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return PyText.split(response).stream().anyMatch(w -> w.equals(PyText.reverse(w)));
    }
}
