package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
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
        List<String> words = PyText.words(response);
        return !words.isEmpty() && PyText.lower(words.getFirst()).equals(PyText.lower(firstWord));
    }

    /** The first whitespace word, or where one would go. */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> words = Edits.whitespaceWords(response);
        if (words.isEmpty()) return List.of(Span.missing(0, "no first word (" + firstWord + " needed)"));
        return List.of(new Span(words.getFirst()[0], words.getFirst()[1], isFollowedBy(response, text) ? "first word" : "first word, not " + firstWord));
    }

    /** A colon put after the first word, or a word put before it. */
    public List<Edit> breaks(String response, TextTools text) {
        List<int[]> words = Edits.whitespaceWords(response);
        if (words.isEmpty()) return List.of();
        int at = words.getFirst()[0];
        int end = words.getFirst()[1];
        return Edits.verified(List.of(new Edit("add_colon", Edits.replace(response, end, end, ":")),
                new Edit("add_first_word", Edits.replace(response, at, at, Edits.inCaseOf(response, "Well ")))), r -> !isFollowedBy(r, text));
    }

    /** The punctuation on the first word removed, or the word put first. */
    public List<Edit> repairs(String response, TextTools text) {
        List<int[]> words = Edits.whitespaceWords(response);
        int at = words.isEmpty() ? 0 : words.getFirst()[0];
        String bare = words.isEmpty() ? null : Edits.replace(response, at, words.getFirst()[1], PyText.stripPunctuation(response.substring(at, words.getFirst()[1])));
        return Edits.verified(java.util.Arrays.asList(bare == null ? null : new Edit("remove_punctuation", bare),
                new Edit("add_first_word", Edits.replace(response, at, at, firstWord + " "))), r -> isFollowedBy(r, text));
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
