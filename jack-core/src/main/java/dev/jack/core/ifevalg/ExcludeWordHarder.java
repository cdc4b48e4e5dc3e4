package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;

import java.util.Map;

/** keywords:exclude_word_harder — the keyword never occurs with a space on both sides (case-sensitive). */
public record ExcludeWordHarder(String keyword) implements Checker {
    public static final String ID = "keywords:exclude_word_harder";

    static ExcludeWordHarder parse(Args a) {
        // The reference draws the keyword from "instruction" only when keyword is missing, which Jack rejects.
        a.ignore("instruction");
        return new ExcludeWordHarder(a.stripped("keyword"));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "Do not include keyword " + keyword + " in the response.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("keyword", keyword);
    }

    public boolean check(String response, Analyses text) {
        return !response.contains(" " + keyword + " ");
    }
}
