package dev.jack.core.ifbench;

import java.util.List;
import java.util.Set;

/** ratio:sentence_type — Punkt sentences ending in '.' number exactly twice those ending in '?'. */
public record SentenceTypeRatio() implements Checker {
    public static final String ID = "ratio:sentence_type";

    static SentenceTypeRatio parse(Args a) {
        return new SentenceTypeRatio();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Maintain a 2:1 ratio of declarative to interrogative sentences.";
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.PUNKT_SENTENCES);
    }

    public boolean check(String response, Analyses text) {
        List<String> sentences = text.sentences(response);
        return endingWith(sentences, ".") == 2 * endingWith(sentences, "?");
    }

    /** How many of the sentences end with the mark (declarative ".", interrogative "?", exclamatory "!"). */
    static long endingWith(List<String> sentences, String mark) {
        return sentences.stream().filter(s -> s.endsWith(mark)).count();
    }
}
