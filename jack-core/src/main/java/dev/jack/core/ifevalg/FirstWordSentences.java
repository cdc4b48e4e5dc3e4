package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Analysis;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;
import dev.jack.core.text.PyText;

import java.util.Map;
import java.util.Set;

/** first_word:first_word_sent — every regex-splitter sentence's first whitespace word is first_word, ignoring case. */
public record FirstWordSentences(String firstWord) implements Checker {
    public static final String ID = "first_word:first_word_sent";

    static FirstWordSentences parse(Args a) {
        return new FirstWordSentences(Words.wordOrFirstOfList(a, "first_word"));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "The first word of each sentence should be the word " + firstWord + ".";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("first_word", firstWord);
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.REGEX_SENTENCES);
    }

    public boolean check(String response, Analyses text) {
        String expected = PyText.lower(firstWord);
        for (String sentence : text.regexSentences(response)) {
            if (PyText.isBlank(sentence)) return false;
            if (!PyText.lower(PyText.split(sentence).getFirst()).equals(expected)) return false;
        }
        return true;
    }
}
