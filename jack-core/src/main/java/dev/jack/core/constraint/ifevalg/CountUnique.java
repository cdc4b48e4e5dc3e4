package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.HashSet;
import java.util.List;

/** count:count_unique — no NLTK word token (punctuation tokens included, case-sensitive) occurs twice. */
public record CountUnique() implements Constraint {
    public static final String ID = "count:count_unique";

    public static final ConstraintType<CountUnique> TYPE = ConstraintType.builder(ID, CountUnique::parse)
            .example(new CountUnique())
            .analyses(TextAnalysis.WORD_TOKENS)
            .alone("no word may repeat, which other constraints' words would")
            .hardness(0.6)
            .phrasings("Only use unique words in your response, no word should be repeated!",
                    "Do not repeat any word in your answer, not even a short one.",
                    "Every word and punctuation mark in your response must be different from all the others.")
            .synthesis(500, () -> Sampling.INSTANCE)
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

    /** One pool sentence whose tokens are all different (a pool that has none is dropped). */
    private enum Sampling implements Sketch<CountUnique> {
        INSTANCE;

        public void content(Draft d) {
            CountUnique check = new CountUnique();
            String text = d.chainPool(s -> check.isFollowedBy(s, d.text()), 1);
            if (!text.isEmpty()) d.witness().setText(text);
        }

        public CountUnique finish(Draft d) {
            return new CountUnique();
        }
    }
}
