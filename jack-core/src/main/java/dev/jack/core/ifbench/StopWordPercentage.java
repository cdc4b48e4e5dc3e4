package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;
import dev.jack.core.text.StopWords;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ratio:stop_words — stop words (NLTK's English list, tested against lower-cased {@code \w+} tokens)
 * are at most {@code percentage}% of the {@code \w+} tokens; a response without tokens fails.
 */
public record StopWordPercentage(double percentage) implements Checker {
    public static final String ID = "ratio:stop_words";

    static StopWordPercentage parse(Args a) {
        return new StopWordPercentage(a.number("percentage", 0, Args.RANDOM_IF_NEGATIVE));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Ensure that stop words constitute no more than " + PyStr.number(percentage) + "% of the total words in your response.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("percentage", percentage);
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.STOP_WORDS);
    }

    public boolean check(String response, Analyses text) {
        List<String> words = PyStr.wordRuns(response);
        if (words.isEmpty()) return false;
        long stopWords = words.stream().filter(w -> StopWords.isEnglish(PyText.lower(w))).count();
        return ((double) stopWords / words.size()) * 100 <= percentage;
    }
}
