package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.AtLeastCount;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.Vocabulary;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;

/**
 * count:unique_word_count — at least N distinct lower-cased whitespace words, each stripped of ASCII
 * punctuation; a punctuation-only word strips to "" and counts as one more distinct word.
 *
 * <p>The checker splits and strips in place rather than through {@code PyText.split} (hand-written for speed: no
 * string per word on IFBench verification's hot path, and it stops at N).
 */
public record UniqueWordCount(int n) implements AtLeastCount {
    public static final String ID = "count:unique_word_count";

    public static final ConstraintType<UniqueWordCount> TYPE = ConstraintType.builder(ID, UniqueWordCount::parse)
            .parameters(Parameter.integer("N", 0))
            .example(new UniqueWordCount(36))
            .hardness(0.45)
            .phrasings("Use at least {N} unique words in the response.",
                    "Your answer should contain at least {N} different words.",
                    "Include no fewer than {N} distinct words.")
            .synthesis(900, () -> Sampling.INSTANCE)
            .build();

    private static UniqueWordCount parse(Kwargs k) {
        return new UniqueWordCount(k.integer("N", 0, Kwargs.RANDOM_IF_NEGATIVE));
    }

    public ConstraintType<UniqueWordCount> type() { return TYPE; }

    public String description() {
        return "Use at least " + n + " unique words in the response.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("N", n);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return uniqueWords(response, n) >= n;
    }

    /**
     * The distinct lower-cased whitespace words ({@code str.split()}), stripped of punctuation and spaces ("" counts
     * too), counted until {@code enough} are found. Scanned char by char: Python's whitespace is all in the BMP, and the
     * stripped characters are ASCII; the words are compared in place ({@link Regions.Distinct}).
     */
    private static int uniqueWords(String response, int enough) {
        String lower = PyText.lower(response);
        Regions.Distinct unique = new Regions.Distinct(lower, Math.min(enough, lower.length() / 4));
        int n = lower.length();
        for (int i = 0; i < n && unique.size() < enough; ) {
            while (i < n && PyText.isSpace(lower.charAt(i))) i++;
            if (i == n) break;
            // One pass over the word: where it ends, and its part stripped of PyText.PUNCTUATION_AND_SPACE (from the
            // first char kept to the last; a word has no space) with that part's hash.
            int from = -1;
            int to = i;
            int h = 0;
            int hash = 0;
            for (; i < n; i++) {
                char c = lower.charAt(i);
                if (PyText.isSpace(c)) break;
                boolean stripped = PyText.isPunctuation(c);
                if (from < 0) {
                    if (stripped) continue;
                    from = i;
                }
                h = 31 * h + c;
                if (!stripped) {
                    hash = h;
                    to = i + 1;
                }
            }
            if (from < 0) from = to;
            unique.add(from, to, hash);
        }
        return unique.size();
    }

    /** The whole text. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.wholeCount(response, isFollowedBy(response, text), "at least " + n + " distinct words");
    }

    public String addOperation() { return "add_sentences"; }

    /** Jack's neutral sentences, whose words vary. */
    public List<String> addedSentences() { return Vocabulary.ENGLISH; }

    /** Read off the final witness: up to a quarter fewer than its unique words. */
    private enum Sampling implements Sketch<UniqueWordCount> {
        INSTANCE;

        public UniqueWordCount finish(Draft d) {
            int unique = uniqueWords(d.witnessText(), Integer.MAX_VALUE);
            return new UniqueWordCount(unique - d.between(0, unique / 4));
        }
    }
}
