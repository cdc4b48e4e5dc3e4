package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * sentence:increment — each Punkt sentence has exactly small_n more whitespace words (ASCII punctuation
 * deleted) than the one before.
 */
public record IncrementingWordCount(int smallN) implements Checker {
    public static final String ID = "sentence:increment";

    static IncrementingWordCount parse(Args a) {
        return new IncrementingWordCount(a.integer("small_n", 0, Args.RANDOM_IF_NEGATIVE));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Each sentence must contain exactly " + smallN + " more words than the previous one.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("small_n", smallN);
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.PUNKT_SENTENCES);
    }

    private static int words(String sentence) {
        return PyText.split(PyStr.removePunctuation(sentence)).size();
    }

    public boolean check(String response, Analyses text) {
        List<String> sentences = text.sentences(response);
        // The reference indexes the first sentence unguarded; blank text (its only way to have none) fails.
        if (sentences.isEmpty()) return false;
        int previous = words(sentences.getFirst());
        for (String s : sentences.subList(1, sentences.size())) {
            int count = words(s);
            if (count != previous + smallN) return false;
            previous = count;
        }
        return true;
    }
}
