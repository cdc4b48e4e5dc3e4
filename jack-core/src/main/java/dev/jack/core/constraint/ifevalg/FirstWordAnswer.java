package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.ifeval.JsonFormat;
import dev.jack.core.constraint.ifeval.Quotation;
import dev.jack.core.constraint.ifeval.Title;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;

/** first_word:first_word_answer — the response's first whitespace word is first_word, ignoring case. */
public record FirstWordAnswer(String firstWord) implements Constraint {
    public static final String ID = "first_word:first_word_answer";

    public static final ConstraintType<FirstWordAnswer> TYPE = ConstraintType.builder(ID, FirstWordAnswer::parse)
            .parameters(Parameter.string("first_word"))
            .example(new FirstWordAnswer("my"))
            .conflict(Title.ID, "the title would be the first word")
            .conflict(Quotation.ID, "the quotation mark would be part of the first word")
            .conflict(JsonFormat.ID, "the JSON brace would be the first word")
            .hardness(0.3)
            .phrasings("The first word of your response should be the word {first_word}.",
                    "Begin your answer with the word {first_word}.",
                    "Start your response with \"{first_word}\".")
            .synthesis(900, () -> Sampling.INSTANCE)
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

    /** Read off the final witness: its first word, when that is all letters. */
    private enum Sampling implements Sketch<FirstWordAnswer> {
        INSTANCE;

        public FirstWordAnswer finish(Draft d) {
            List<String> words = PyText.split(d.witnessText());
            return words.isEmpty() || !words.getFirst().chars().allMatch(Character::isLetter) ? null : new FirstWordAnswer(words.getFirst());
        }
    }
}
