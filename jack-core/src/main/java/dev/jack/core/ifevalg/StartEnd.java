package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Analysis;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;
import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Set;

/** keywords:start_end — the first and last NLTK word tokens are equal ignoring case, so a final "." fails. */
public record StartEnd() implements Checker {
    public static final String ID = "keywords:start_end";

    static StartEnd parse(Args a) {
        return new StartEnd();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "Start and end your response with the same word (do not write anything after the last word, not even punctuation).";
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.WORD_TOKENS);
    }

    public boolean check(String response, Analyses text) {
        List<String> words = text.words(response);
        return words.size() >= 2 && PyText.lower(words.getFirst()).equals(PyText.lower(words.getLast()));
    }
}
