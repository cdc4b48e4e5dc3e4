package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.constraint.Parameter;

import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Map;

/**
 * last_word:last_word_answer — the response's last whitespace word, with characters that are neither
 * word characters nor whitespace removed, is last_word, ignoring case.
 */
public record LastWordAnswer(String lastWord) implements Constraint {
    public static final String ID = "last_word:last_word_answer";

    public static final ConstraintType<LastWordAnswer> TYPE = ConstraintType.builder(ID, LastWordAnswer::parse)
            .parameters(Parameter.string("last_word"))
            .example(new LastWordAnswer("meadow"))
            .build();

    private static LastWordAnswer parse(Kwargs k) {
        return new LastWordAnswer(k.strippedString("last_word"));
    }

    public ConstraintType<LastWordAnswer> type() { return TYPE; }



    public String description() {
        return "The last word of your response should be the word " + lastWord + ".";
    }

    public Map<String, Object> kwargs() {
        return Map.of("last_word", lastWord);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> words = PyText.split(response);
        return !words.isEmpty() && PyText.lower(Words.withoutPunctuation(words.getLast())).equals(PyText.lower(lastWord));
    }
}
