package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.text.PyText;
import dev.jack.core.text.StopWords;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

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
            .hardness(0.6)
            .phrasings("Ensure that stop words constitute no more than {percentage}% of the total words in your response.",
                    "Keep stop words (the, and, of, ...) to at most {percentage}% of your words.",
                    "No more than {percentage}% of the words you use may be stop words.")
            .synthesis(900, () -> Sampling.INSTANCE)
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
        double share = stopWordShare(response);
        return share >= 0 && share <= percentage;
    }

    /** The percentage of {@code \w+} words that are stop words; -1 without words. */
    private static double stopWordShare(String response) {
        int words = 0;
        int stopWords = 0;
        int n = response.length();
        for (int i = 0; i < n; ) {
            int cp = response.codePointAt(i);
            if (!PyText.isWordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n && PyText.isWordChar(cp = response.codePointAt(i))) i += Character.charCount(cp);
            words++;
            if (StopWords.isEnglishLowered(response, start, i)) stopWords++;
        }
        if (words == 0) return -1;
        return ((double) stopWords / words) * 100;
    }

    public Map<String, Object> wordingValues() {
        return Map.of("percentage", PyText.number(percentage));
    }

    /** Read off the final witness: its stop-word share rounded up, plus 0 to 10 points. */
    private enum Sampling implements Sketch<StopWordPercentage> {
        INSTANCE;

        public StopWordPercentage finish(Draft d) {
            double share = stopWordShare(d.witnessText());
            return share < 0 ? null : new StopWordPercentage(Math.min(100, Math.ceil(share) + d.between(0, 10)));
        }
    }
}
