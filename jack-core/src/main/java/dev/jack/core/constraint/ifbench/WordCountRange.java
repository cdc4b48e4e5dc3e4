package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.ifeval.NumberOfWords;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/** count:word_count_range — between min_words and max_words words (runs of {@code \w}), inclusive. */
public record WordCountRange(int minWords, int maxWords) implements Constraint {
    public static final String ID = "count:word_count_range";

    public static final ConstraintType<WordCountRange> TYPE = ConstraintType.builder(ID, WordCountRange::parse)
            .parameters(Parameter.integer("min_words", 0), Parameter.integer("max_words", 0))
            .example(new WordCountRange(71, 73))
            .conflict(NumberOfWords.ID, "both set the response's word count")
            .hardness(0.55)
            .phrasings("The response must contain between {min_words} and {max_words} words.",
                    "Write between {min_words} and {max_words} words.",
                    "Keep your answer between {min_words} and {max_words} words long.")
            .synthesis(900, () -> Sampling.INSTANCE)
            .build();

    private static WordCountRange parse(Kwargs k) {
        return new WordCountRange(k.integer("min_words", 0, Kwargs.RANDOM_IF_NEGATIVE), k.integer("max_words", 0, Kwargs.RANDOM_IF_NEGATIVE));
    }

    public ConstraintType<WordCountRange> type() { return TYPE; }

    public String description() {
        return "The response must contain between " + minWords + " and " + maxWords + " words.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("min_words", minWords, "max_words", maxWords);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        int words = PyText.countWordRuns(response);
        return minWords <= words && words <= maxWords;
    }

    /** Read off the final witness: a range around its word count, from 0 to 40 words below to 0 to 60 above. */
    private enum Sampling implements Sketch<WordCountRange> {
        INSTANCE;

        public WordCountRange finish(Draft d) {
            int words = PyText.countWordRuns(d.witnessText());
            return new WordCountRange(Math.max(1, words - d.between(0, 40)), words + d.between(0, 60));
        }
    }
}
