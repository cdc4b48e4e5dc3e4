package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.text.TextAnalysis;

import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Map;

/**
 * sentence:increment — each Punkt sentence has exactly small_n more whitespace words (ASCII punctuation
 * deleted) than the one before.
 */
public record IncrementingWordCount(int smallN) implements Constraint {
    public static final String ID = "sentence:increment";

    public static final ConstraintType<IncrementingWordCount> TYPE = ConstraintType.builder(ID, IncrementingWordCount::parse)
            .parameters(Parameter.integer("small_n", 0))
            .example(new IncrementingWordCount(4))
            .analyses(TextAnalysis.SENTENCES)
            .build();

    private static IncrementingWordCount parse(Kwargs k) {
        return new IncrementingWordCount(k.integer("small_n", 0, Kwargs.RANDOM_IF_NEGATIVE));
    }

    public ConstraintType<IncrementingWordCount> type() { return TYPE; }



    public String description() {
        return "Each sentence must contain exactly " + smallN + " more words than the previous one.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("small_n", smallN);
    }


    private static int words(String sentence) {
        return PyText.split(PyText.removePunctuation(sentence)).size();
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> sentences = text.sentences(response);
        // The reference indexes the first sentence unguarded; blank text (its only way to have none) fails.
        if (sentences.isEmpty()) return false;
        int previous = words(sentences.getFirst());
        for (String s : sentences.subList(1, sentences.size())) {
            int count = words(s);
            if (count != previous + smallN) return false;
            previous = count;
        }
        return true;
    }
}
