package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.Map;

/** count:word_count_range — between min_words and max_words words (runs of {@code \w}), inclusive. */
public record WordCountRange(int minWords, int maxWords) implements Checker {
    public static final String ID = "count:word_count_range";

    static WordCountRange parse(Args a) {
        return new WordCountRange(a.integer("min_words", 0, Args.RANDOM_IF_NEGATIVE), a.integer("max_words", 0, Args.RANDOM_IF_NEGATIVE));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "The response must contain between " + minWords + " and " + maxWords + " words.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("min_words", minWords, "max_words", maxWords);
    }

    public boolean check(String response, Analyses text) {
        int words = PyText.countWordRuns(response);
        return minWords <= words && words <= maxWords;
    }
}
