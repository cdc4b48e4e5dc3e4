package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Vocabulary;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/** keywords:start_end — the first and last NLTK word tokens are equal ignoring case, so a final "." fails. */
public record StartEnd() implements Constraint {
    public static final String ID = "keywords:start_end";

    public static final ConstraintType<StartEnd> TYPE = ConstraintType.builder(ID, StartEnd::parse)
            .example(new StartEnd())
            .analyses(TextAnalysis.WORD_TOKENS)
            .alone("its first and last words are fixed, which other constraints' openings and endings would break")
            .hardness(0.5)
            .phrasings("Start and end your response with the same word (do not write anything after the last word, not even punctuation).",
                    "Your answer must begin and end with the same word, with no punctuation after the last one.",
                    "Make the first and the last word of your response identical, and put nothing after that last word.")
            .synthesis(500, () -> Sampling.INSTANCE)
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

    /** A keyword, two to four pool sentences, and the keyword again without punctuation. */
    private enum Sampling implements Sketch<StartEnd> {
        INSTANCE;

        public void content(Draft d) {
            String word = d.pick(Vocabulary.KEYWORDS);
            List<String> parts = new ArrayList<>();
            parts.add(Character.toUpperCase(word.charAt(0)) + word.substring(1) + " first.");
            for (int i = d.between(2, 4); i > 0; i--) parts.add(d.sentence());
            parts.add("It all comes back to the " + word);
            d.witness().setText(String.join(" ", parts));
        }

        public StartEnd finish(Draft d) {
            return new StartEnd();
        }
    }
}
