package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import dev.jack.core.text.PyText;

/** words:palindrome — at least 10 lower-cased whitespace words of 5+ characters (punctuation deleted) read the same reversed. */
public record Palindromes() implements Constraint {
    public static final String ID = "words:palindrome";

    public static final ConstraintType<Palindromes> TYPE = ConstraintType.builder(ID, Palindromes::parse)
            .example(new Palindromes())
            .build();

    private static Palindromes parse(Kwargs k) {
        return new Palindromes();
    }

    public ConstraintType<Palindromes> type() { return TYPE; }



    public String description() {
        return "Include at least 10 single-word palindromes, each at least 5 characters long.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        int found = 0;
        for (String w : PyText.split(PyText.lower(PyText.removePunctuation(response)))) {
            if (PyText.length(w) >= 5 && w.equals(PyText.reverse(w))) found++;
        }
        return found >= 10;
    }
}
