package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;

import java.util.Map;

/**
 * count:count_increment_word — keyword1 matches exactly once and keyword2 exactly twice, each a
 * case-insensitive regular expression matching anywhere.
 */
public record CountIncrementWord(String keyword1, String keyword2) implements Checker {
    public static final String ID = "count:count_increment_word";

    public CountIncrementWord {
        KeywordRegex.compile("keyword1", keyword1);
        KeywordRegex.compile("keyword2", keyword2);
    }

    static CountIncrementWord parse(Args a) {
        return new CountIncrementWord(a.stripped("keyword1"), a.stripped("keyword2"));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "Include keyword " + keyword1 + " once in your response, keyword " + keyword2 + " twice in your response.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("keyword1", keyword1, "keyword2", keyword2);
    }

    public boolean check(String response, Analyses text) {
        return KeywordRegex.count(keyword1, response) == 1 && KeywordRegex.count(keyword2, response) == 2;
    }
}
