package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.text.TextAnalysis;

import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Map;

/**
 * ratio:stop_words — stop words (NLTK's English list, tested against lower-cased {@code \w+} tokens)
 * are at most {@code percentage}% of the {@code \w+} tokens; a response without tokens fails.
 */
public record StopWordPercentage(double percentage) implements Constraint {
    public static final String ID = "ratio:stop_words";

    public static final ConstraintType<StopWordPercentage> TYPE = ConstraintType.builder(ID, StopWordPercentage::parse)
            .parameters(new Parameter("percentage", "number >= 0"))
            .example(new StopWordPercentage(27.0))
            .analyses(TextAnalysis.STOP_WORDS)
            .build();

    private static StopWordPercentage parse(Kwargs k) {
        return new StopWordPercentage(k.number("percentage", 0, Kwargs.RANDOM_IF_NEGATIVE));
    }

    public ConstraintType<StopWordPercentage> type() { return TYPE; }



    public String description() {
        return "Ensure that stop words constitute no more than " + PyText.number(percentage) + "% of the total words in your response.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("percentage", percentage);
    }


    public boolean isFollowedBy(String response, TextTools text) {
        List<String> words = PyText.wordRuns(response);
        if (words.isEmpty()) return false;
        long stopWords = words.stream().filter(w -> text.isStopWord(PyText.lower(w))).count();
        return ((double) stopWords / words.size()) * 100 <= percentage;
    }
}
