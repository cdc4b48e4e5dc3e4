package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.text.TextAnalysis;


import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** count:count_unique — no NLTK word token (punctuation tokens included, case-sensitive) occurs twice. */
public record CountUnique() implements Constraint {
    public static final String ID = "count:count_unique";

    public static final ConstraintType<CountUnique> TYPE = ConstraintType.builder(ID, CountUnique::parse)
            .example(new CountUnique())
            .analyses(TextAnalysis.WORD_TOKENS)
            .build();

    private static CountUnique parse(Kwargs k) {
        return new CountUnique();
    }

    public ConstraintType<CountUnique> type() { return TYPE; }



    public String description() {
        return "Only use unique words in your response, no word should be repeated!";
    }


    public boolean isFollowedBy(String response, TextTools text) {
        List<String> words = text.wordTokenize(response);
        return new HashSet<>(words).size() == words.size();
    }
}
