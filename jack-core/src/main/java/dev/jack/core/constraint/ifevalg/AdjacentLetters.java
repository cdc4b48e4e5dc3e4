package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import dev.jack.core.text.PyText;

import java.util.List;

/**
 * keywords:no_adjacent_consecutive — no whitespace word's lower-cased first character is the next code
 * point after the previous word's; a first character whose lower case is two characters (e.g. 'İ')
 * fails.
 */
public record AdjacentLetters() implements Constraint {
    public static final String ID = "keywords:no_adjacent_consecutive";

    public static final ConstraintType<AdjacentLetters> TYPE = ConstraintType.builder(ID, AdjacentLetters::parse)
            .example(new AdjacentLetters())
            .build();

    private static AdjacentLetters parse(Kwargs k) {
        return new AdjacentLetters();
    }

    public ConstraintType<AdjacentLetters> type() { return TYPE; }



    public String description() {
        return "No two adjacent words can start with consecutive letters of the alphabet.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> words = PyText.split(response);
        for (int i = 0; i + 1 < words.size(); i++) {
            String first = PyText.lower(PyText.first(words.get(i)));
            String second = PyText.lower(PyText.first(words.get(i + 1)));
            if (PyText.length(first) != 1 || PyText.length(second) != 1) return false;
            if (second.codePointAt(0) - first.codePointAt(0) == 1) return false;
        }
        return true;
    }
}
