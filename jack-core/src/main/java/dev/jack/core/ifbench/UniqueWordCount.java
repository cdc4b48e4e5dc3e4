package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * count:unique_word_count — at least N distinct lower-cased whitespace words, each stripped of ASCII
 * punctuation; a punctuation-only word strips to "" and counts as one more distinct word.
 */
public record UniqueWordCount(int n) implements Checker {
    public static final String ID = "count:unique_word_count";

    static UniqueWordCount parse(Args a) {
        return new UniqueWordCount(a.integer("N", 0, Args.RANDOM_IF_NEGATIVE));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Use at least " + n + " unique words in the response.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("N", n);
    }

    public boolean check(String response, Analyses text) {
        Set<String> unique = new HashSet<>();
        for (String w : PyText.split(PyText.lower(response))) unique.add(PyStr.stripPunctuation(w));
        return unique.size() >= n;
    }
}
