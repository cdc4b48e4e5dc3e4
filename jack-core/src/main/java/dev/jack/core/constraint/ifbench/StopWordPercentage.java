package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyText;
import dev.jack.core.text.StopWords;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * ratio:stop_words — stop words (NLTK's English list, tested against lower-cased {@code \w+} tokens)
 * are at most {@code percentage}% of the {@code \w+} tokens; a response without tokens fails.
 *
 * <p>The checker scans the {@code \w+} runs in place rather than through {@link PyText#wordRuns} (hand-written for
 * speed: no array per word on IFBench verification's hot path; the spans, off that path, use wordRuns).
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
        int end = 0;
        for (int start; (start = PyText.wordRunStart(response, end)) < response.length(); ) {
            end = PyText.wordRunEnd(response, start);
            words++;
            if (StopWords.isEnglishLowered(response, start, end)) stopWords++;
        }
        if (words == 0) return -1;
        return ((double) stopWords / words) * 100;
    }

    /** A sentence of stop words only, which a break adds. */
    private static final String STOP_SENTENCE = "It is what it is.";
    /** A sentence without stop words, which a repair adds. */
    private static final String CONTENT_SENTENCE = "Bright green apples ripen quickly.";

    /** The {@code \w+} words that are stop words, as {@code [start, end)}. */
    private static List<int[]> stopWords(String response) {
        List<int[]> out = new ArrayList<>();
        for (int[] run : PyText.wordRuns(response)) if (StopWords.isEnglishLowered(response, run[0], run[1])) out.add(run);
        return out;
    }

    /** Each stop word, labelled with the share the checker finds; without words, an empty span at the start. */
    public List<Span> spans(String response, TextTools text) {
        double share = stopWordShare(response);
        if (share < 0) return List.of(Span.missing(PyText.stripStart(response), "no words"));
        return Edits.numbered(stopWords(response), "stop word (" + PyText.number(share) + "% of the words, at most " + PyText.number(percentage) + "% allowed)");
    }

    /** Sentences of stop words added until there are too many. */
    public List<Edit> breaks(String response, TextTools text) {
        Predicate<String> fails = r -> !isFollowedBy(r, text);
        return Edits.verified(Edits.addUntil("add_stop_words", response, List.of(Edits.inCaseOf(response, STOP_SENTENCE)), Edits.MAX_ADDED, fails), fails);
    }

    /** Sentences without stop words added, or stop words cut from the end, until there are few enough. */
    public List<Edit> repairs(String response, TextTools text) {
        Predicate<String> followed = r -> isFollowedBy(r, text);
        List<Edit> out = new ArrayList<>(Edits.addUntil("add_content_words", response, List.of(Edits.inCaseOf(response, CONTENT_SENTENCE)), Edits.MAX_ADDED, followed));
        out.addAll(Edits.cutFromEnd("remove_stop_words", response, stopWords(response), followed));
        return Edits.verified(out, followed);
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
