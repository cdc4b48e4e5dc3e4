package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;

import java.util.Map;

/**
 * letters:letter_counting — the response has less than / at least N ASCII letters. The reference takes
 * any relation text and answers None (not followed) for one other than "less than" and "at least".
 */
public record LetterCounting(int n, String relation) implements Checker {
    public static final String ID = "letters:letter_counting";

    static LetterCounting parse(Args a) {
        return new LetterCounting(a.integer("N", 1, Args.RANDOM_IF_ZERO), a.nonEmpty("relation"));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "Answer with " + relation + " " + n + " letters.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("N", n, "relation", relation);
    }

    public boolean check(String response, Analyses text) {
        long letters = response.chars().filter(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')).count();
        return switch (relation) {
            case "at least" -> letters >= n;
            case "less than" -> letters < n;
            default -> false;
        };
    }
}
