package dev.jack.core.ifbench;

import java.util.List;
import java.util.Set;

/** ratio:sentence_balance — as many Punkt sentences end in '.' as in '?' and as in '!'. */
public record SentenceBalance() implements Checker {
    public static final String ID = "ratio:sentence_balance";

    static SentenceBalance parse(Args a) {
        return new SentenceBalance();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Ensure that the ratio of sentence types (declarative, interrogative, exclamatory) is balanced.";
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.PUNKT_SENTENCES);
    }

    public boolean check(String response, Analyses text) {
        List<String> sentences = text.sentences(response);
        long interrogative = SentenceTypeRatio.endingWith(sentences, "?");
        return SentenceTypeRatio.endingWith(sentences, ".") == interrogative && interrogative == SentenceTypeRatio.endingWith(sentences, "!");
    }
}
