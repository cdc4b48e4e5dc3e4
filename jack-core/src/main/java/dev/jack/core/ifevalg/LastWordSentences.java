package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Analysis;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;
import dev.jack.core.text.PyText;

import java.util.Map;
import java.util.Set;

/**
 * last_word:last_word_sent — every regex-splitter sentence's last whitespace word, with characters that
 * are neither word characters nor whitespace removed, is last_word, ignoring case.
 */
public record LastWordSentences(String lastWord) implements Checker {
    public static final String ID = "last_word:last_word_sent";

    static LastWordSentences parse(Args a) {
        return new LastWordSentences(Words.wordOrFirstOfList(a, "last_word"));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "The last word of each sentence, before punctuation, should be the word " + lastWord + ".";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("last_word", lastWord);
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.REGEX_SENTENCES);
    }

    public boolean check(String response, Analyses text) {
        String expected = PyText.lower(lastWord);
        for (String sentence : text.regexSentences(response)) {
            if (PyText.isBlank(sentence)) return false;
            if (!PyText.lower(Words.withoutPunctuation(PyText.split(sentence).getLast())).equals(expected)) return false;
        }
        return true;
    }
}
