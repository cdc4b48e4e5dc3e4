package dev.jack.core.ifbench;

import java.util.List;
import java.util.Map;
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

    public Map<String, Object> kwargs() {
        return Map.of();
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.PUNKT_SENTENCES);
    }

    public boolean check(String response, Analyses text) {
        List<String> sentences = text.sentences(response);
        long declarative = sentences.stream().filter(s -> s.endsWith(".")).count();
        long interrogative = sentences.stream().filter(s -> s.endsWith("?")).count();
        return declarative == 2 * interrogative;
    }
}
