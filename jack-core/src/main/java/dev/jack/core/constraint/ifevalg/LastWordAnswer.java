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
import dev.jack.core.constraint.ifbench.EmojiSentences;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

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
            .conflict(EmojiSentences.ID, "the emoji would be the last word")
            .hardness(0.35)
            .phrasings("The last word of your response should be the word {last_word}.",
                    "End your answer with the word {last_word}.",
                    "Make {last_word} the final word of your response.")
            .synthesis(900, () -> Sampling.INSTANCE)
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
        List<String> words = PyText.words(response);
        return !words.isEmpty() && PyText.lower(Words.withoutPunctuation(words.getLast())).equals(PyText.lower(lastWord));
    }

    /** The last whitespace word, or where one would go. */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> words = Edits.whitespaceWords(response);
        if (words.isEmpty()) return List.of(Span.missing(0, "no last word (" + lastWord + " needed)"));
        return List.of(new Span(words.getLast()[0], words.getLast()[1], isFollowedBy(response, text) ? "last word" : "last word, not " + lastWord));
    }

    /** A sentence added at the end. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(Edits.fillers(response, 2).stream().map(s -> new Edit("add_sentence", Edits.appended(response, s))).toList(), r -> !isFollowedBy(r, text));
    }

    /** The word added at the end as a sentence of its own. */
    public List<Edit> repairs(String response, TextTools text) {
        String word = PyText.isLower(response) ? lastWord : lastWord.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + lastWord.substring(1);
        return Edits.verified(List.of(new Edit("add_last_word", Edits.appended(response, word + "."))), r -> isFollowedBy(r, text));
    }

    /** Read off the final witness: its last word without punctuation, when that is all letters. */
    private enum Sampling implements Sketch<LastWordAnswer> {
        INSTANCE;

        public LastWordAnswer finish(Draft d) {
            List<String> words = PyText.split(d.witnessText());
            String last = words.isEmpty() ? "" : Words.withoutPunctuation(words.getLast());
            return last.isEmpty() || !last.chars().allMatch(Character::isLetter) ? null : new LastWordAnswer(last);
        }
    }
}
