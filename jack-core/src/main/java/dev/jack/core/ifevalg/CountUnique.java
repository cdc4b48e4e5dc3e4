package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Analysis;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** count:count_unique — no NLTK word token (punctuation tokens included, case-sensitive) occurs twice. */
public record CountUnique() implements Checker {
    public static final String ID = "count:count_unique";

    static CountUnique parse(Args a) {
        return new CountUnique();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "Only use unique words in your response, no word should be repeated!";
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.WORD_TOKENS);
    }

    public boolean check(String response, Analyses text) {
        List<String> words = text.words(response);
        return new HashSet<>(words).size() == words.size();
    }
}
