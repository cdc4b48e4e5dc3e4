package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.text.TextAnalysis;

import java.util.List;

/** ratio:sentence_balance — as many Punkt sentences end in '.' as in '?' and as in '!'. */
public record SentenceBalance() implements Constraint {
    public static final String ID = "ratio:sentence_balance";

    public static final ConstraintType<SentenceBalance> TYPE = ConstraintType.builder(ID, SentenceBalance::parse)
            .example(new SentenceBalance())
            .analyses(TextAnalysis.SENTENCES)
            .build();

    private static SentenceBalance parse(Kwargs k) {
        return new SentenceBalance();
    }

    public ConstraintType<SentenceBalance> type() { return TYPE; }



    public String description() {
        return "Ensure that the ratio of sentence types (declarative, interrogative, exclamatory) is balanced.";
    }


    public boolean isFollowedBy(String response, TextTools text) {
        List<String> sentences = text.sentences(response);
        long interrogative = SentenceTypeRatio.endingWith(sentences, "?");
        return SentenceTypeRatio.endingWith(sentences, ".") == interrogative && interrogative == SentenceTypeRatio.endingWith(sentences, "!");
    }
}
