package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.text.TextAnalysis;

import java.util.List;

/** ratio:sentence_type — Punkt sentences ending in '.' number exactly twice those ending in '?'. */
public record SentenceTypeRatio() implements Constraint {
    public static final String ID = "ratio:sentence_type";

    public static final ConstraintType<SentenceTypeRatio> TYPE = ConstraintType.builder(ID, SentenceTypeRatio::parse)
            .example(new SentenceTypeRatio())
            .analyses(TextAnalysis.SENTENCES)
            .build();

    private static SentenceTypeRatio parse(Kwargs k) {
        return new SentenceTypeRatio();
    }

    public ConstraintType<SentenceTypeRatio> type() { return TYPE; }



    public String description() {
        return "Maintain a 2:1 ratio of declarative to interrogative sentences.";
    }


    public boolean isFollowedBy(String response, TextTools text) {
        List<String> sentences = text.sentences(response);
        return endingWith(sentences, ".") == 2 * endingWith(sentences, "?");
    }

    /** How many of the sentences end with the mark (declarative ".", interrogative "?", exclamatory "!"). */
    static long endingWith(List<String> sentences, String mark) {
        return sentences.stream().filter(s -> s.endsWith(mark)).count();
    }
}
