package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.PyStr;
import dev.jack.core.ifbench.Source;

import java.util.Map;

/**
 * count:lowercase_counting — at most N matches of {@code \b[a-z]+\b}, i.e. runs of word characters that
 * are all ASCII lower-case letters ("héllo" is none).
 */
public record LowercaseCounting(int n) implements Checker {
    public static final String ID = "count:lowercase_counting";

    static LowercaseCounting parse(Args a) {
        return new LowercaseCounting(a.integer("N", 1, Args.RANDOM_IF_ZERO));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "In your response, all lowercase words should appear at most " + n + " times.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("N", n);
    }

    public boolean check(String response, Analyses text) {
        long lowercase = PyStr.wordRuns(response).stream().filter(w -> w.chars().allMatch(c -> c >= 'a' && c <= 'z')).count();
        return lowercase <= n;
    }
}
