package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.text.TextAnalysis;

import dev.jack.core.text.PyText;

import java.util.List;

/**
 * ratio:sentence_words — exactly three Punkt sentences of the same stripped length. The reference
 * never checks that the words differ.
 */
public record SentenceCharacterCount() implements Constraint {
    public static final String ID = "ratio:sentence_words";

    public static final ConstraintType<SentenceCharacterCount> TYPE = ConstraintType.builder(ID, SentenceCharacterCount::parse)
            .example(new SentenceCharacterCount())
            .analyses(TextAnalysis.SENTENCES)
            .build();

    private static SentenceCharacterCount parse(Kwargs k) {
        return new SentenceCharacterCount();
    }

    public ConstraintType<SentenceCharacterCount> type() { return TYPE; }



    public String description() {
        return "Respond with three sentences, all containing the same number of characters but using all different words.";
    }


    public boolean isFollowedBy(String response, TextTools text) {
        List<String> sentences = text.sentences(response);
        if (sentences.size() != 3) return false;
        int length = PyText.length(PyText.strip(sentences.getFirst()));
        return sentences.stream().allMatch(s -> PyText.length(PyText.strip(s)) == length);
    }
}
