package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.constraint.Parameter;

import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Map;

/** first_word:first_word_answer — the response's first whitespace word is first_word, ignoring case. */
public record FirstWordAnswer(String firstWord) implements Constraint {
    public static final String ID = "first_word:first_word_answer";

    public static final ConstraintType<FirstWordAnswer> TYPE = ConstraintType.builder(ID, FirstWordAnswer::parse)
            .parameters(Parameter.string("first_word"))
            .example(new FirstWordAnswer("my"))
            .build();

    private static FirstWordAnswer parse(Kwargs k) {
        return new FirstWordAnswer(k.strippedString("first_word"));
    }

    public ConstraintType<FirstWordAnswer> type() { return TYPE; }



    public String description() {
        return "The first word of your response should be the word " + firstWord + ".";
    }

    public Map<String, Object> kwargs() {
        return Map.of("first_word", firstWord);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> words = PyText.split(response);
        return !words.isEmpty() && PyText.lower(words.getFirst()).equals(PyText.lower(firstWord));
    }
}
