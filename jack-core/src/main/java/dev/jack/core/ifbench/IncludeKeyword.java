package dev.jack.core.ifbench;

import dev.jack.core.text.Literals;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * sentence:keyword — the N-th Punkt sentence contains {@code word} as a whole word, ignoring case.
 * N = 0 checks the last sentence, as the reference's index -1 does.
 */
public record IncludeKeyword(String word, int n) implements Checker {
    public static final String ID = "sentence:keyword";

    static IncludeKeyword parse(Args a) {
        return new IncludeKeyword(a.nonEmpty("word"), a.integer("N", 0, Args.RANDOM_IF_NEGATIVE));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "The response must include keyword \"" + word + "\" in the " + n + "-th sentence.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("word", word, "N", n);
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.PUNKT_SENTENCES);
    }

    public boolean check(String response, Analyses text) {
        List<String> sentences = text.sentences(response);
        if (sentences.size() < n || sentences.isEmpty()) return false;
        String sentence = n == 0 ? sentences.getLast() : sentences.get(n - 1);
        return Literals.containsWholeWordIgnoreCase(sentence, word);
    }
}
