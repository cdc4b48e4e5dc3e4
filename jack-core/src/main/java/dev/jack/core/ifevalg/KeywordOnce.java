package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;

import java.util.Map;

/** keywords:word_once — the keyword (a case-insensitive regular expression, matching anywhere) matches exactly once. */
public record KeywordOnce(String keyword) implements Checker {
    public static final String ID = "keywords:word_once";

    public KeywordOnce {
        KeywordRegex.compile("keyword", keyword);
    }

    static KeywordOnce parse(Args a) {
        return new KeywordOnce(a.stripped("keyword"));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "Include keyword " + keyword + " in your response.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("keyword", keyword);
    }

    public boolean check(String response, Analyses text) {
        return KeywordRegex.count(keyword, response) == 1;
    }
}
