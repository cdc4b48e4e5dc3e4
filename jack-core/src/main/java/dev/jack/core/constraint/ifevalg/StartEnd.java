package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.text.TextAnalysis;

import dev.jack.core.text.PyText;

import java.util.List;

/** keywords:start_end — the first and last NLTK word tokens are equal ignoring case, so a final "." fails. */
public record StartEnd() implements Constraint {
    public static final String ID = "keywords:start_end";

    public static final ConstraintType<StartEnd> TYPE = ConstraintType.builder(ID, StartEnd::parse)
            .example(new StartEnd())
            .analyses(TextAnalysis.WORD_TOKENS)
            .build();

    private static StartEnd parse(Kwargs k) {
        return new StartEnd();
    }

    public ConstraintType<StartEnd> type() { return TYPE; }



    public String description() {
        return "Start and end your response with the same word (do not write anything after the last word, not even punctuation).";
    }


    public boolean isFollowedBy(String response, TextTools text) {
        List<String> words = text.wordTokenize(response);
        return words.size() >= 2 && PyText.lower(words.getFirst()).equals(PyText.lower(words.getLast()));
    }
}
