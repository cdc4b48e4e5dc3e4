package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import dev.jack.core.text.PyText;

import java.util.List;

/** words:no_consecutive — no two neighbouring lower-cased whitespace words (punctuation deleted) start with the same character. */
public record NoConsecutiveFirstLetter() implements Constraint {
    public static final String ID = "words:no_consecutive";

    public static final ConstraintType<NoConsecutiveFirstLetter> TYPE = ConstraintType.builder(ID, NoConsecutiveFirstLetter::parse)
            .example(new NoConsecutiveFirstLetter())
            .build();

    private static NoConsecutiveFirstLetter parse(Kwargs k) {
        return new NoConsecutiveFirstLetter();
    }

    public ConstraintType<NoConsecutiveFirstLetter> type() { return TYPE; }



    public String description() {
        return "No two consecutive words can share the same first letter.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> words = PyText.split(PyText.removePunctuation(PyText.lower(response)));
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).codePointAt(0) == words.get(i + 1).codePointAt(0)) return false;
        }
        return true;
    }
}
