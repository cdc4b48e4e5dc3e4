package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;
import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Map;

/**
 * last_word:last_word_answer — the response's last whitespace word, with characters that are neither
 * word characters nor whitespace removed, is last_word, ignoring case.
 */
public record LastWordAnswer(String lastWord) implements Checker {
    public static final String ID = "last_word:last_word_answer";

    static LastWordAnswer parse(Args a) {
        return new LastWordAnswer(a.stripped("last_word"));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "The last word of your response should be the word " + lastWord + ".";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("last_word", lastWord);
    }

    public boolean check(String response, Analyses text) {
        List<String> words = PyText.split(response);
        return !words.isEmpty() && PyText.lower(Words.withoutPunctuation(words.getLast())).equals(PyText.lower(lastWord));
    }
}
