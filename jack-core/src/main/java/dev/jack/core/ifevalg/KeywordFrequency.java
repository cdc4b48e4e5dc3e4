package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;

import java.util.List;
import java.util.Map;

/**
 * keywords:word_count_different_numbers — the keyword (a case-insensitive regular expression, matching
 * anywhere) matches less than / at least {@code frequency} times. The wording leaves the relation out.
 */
public record KeywordFrequency(String keyword, int frequency, String relation) implements Checker {
    public static final String ID = "keywords:word_count_different_numbers";

    public KeywordFrequency {
        KeywordRegex.compile("keyword", keyword);
    }

    static KeywordFrequency parse(Args a) {
        return new KeywordFrequency(a.stripped("keyword"), a.integer("frequency", 0, Args.RANDOM_IF_NEGATIVE),
                a.oneOf("relation", List.of("less than", "at least")));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "In your response, the word " + keyword + " should appear " + frequency + " times.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("keyword", keyword, "frequency", frequency, "relation", relation);
    }

    public boolean check(String response, Analyses text) {
        int count = KeywordRegex.count(keyword, response);
        return relation.equals("less than") ? count < frequency : count >= frequency;
    }
}
