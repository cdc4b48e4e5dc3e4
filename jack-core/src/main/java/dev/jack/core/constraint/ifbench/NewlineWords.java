package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import dev.jack.core.text.PyText;

/**
 * format:newline — after ASCII punctuation is deleted and the text stripped, its non-empty lines
 * (lines of only spaces count) number as many as its whitespace words.
 */
public record NewlineWords() implements Constraint {
    public static final String ID = "format:newline";

    public static final ConstraintType<NewlineWords> TYPE = ConstraintType.builder(ID, NewlineWords::parse)
            .example(new NewlineWords())
            .build();

    private static NewlineWords parse(Kwargs k) {
        return new NewlineWords();
    }

    public ConstraintType<NewlineWords> type() { return TYPE; }



    public String description() {
        return "Write each word on a new line.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String value = PyText.strip(PyText.removePunctuation(response));
        long lines = PyText.split(value, "\n").stream().filter(line -> !line.isEmpty()).count();
        return lines == PyText.split(value).size();
    }
}
