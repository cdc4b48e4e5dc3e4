package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;
import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Map;

/** first_word:first_word_answer — the response's first whitespace word is first_word, ignoring case. */
public record FirstWordAnswer(String firstWord) implements Checker {
    public static final String ID = "first_word:first_word_answer";

    static FirstWordAnswer parse(Args a) {
        return new FirstWordAnswer(a.stripped("first_word"));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "The first word of your response should be the word " + firstWord + ".";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("first_word", firstWord);
    }

    public boolean check(String response, Analyses text) {
        List<String> words = PyText.split(response);
        return !words.isEmpty() && PyText.lower(words.getFirst()).equals(PyText.lower(firstWord));
    }
}
