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
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** words:repeats — no lower-cased whitespace word (ASCII punctuation deleted) occurs more than small_n times. */
public record LimitedWordRepeat(int smallN) implements Constraint {
    public static final String ID = "words:repeats";

    public static final ConstraintType<LimitedWordRepeat> TYPE = ConstraintType.builder(ID, LimitedWordRepeat::parse)
            .parameters(Parameter.integer("small_n", 0))
            .example(new LimitedWordRepeat(4))
            .hardness(0.45)
            .phrasings("The response should not repeat any word more than {small_n} times.",
                    "Do not use any single word more than {small_n} times.",
                    "No word may appear more than {small_n} times in your answer.")
            .synthesis(900, () -> Sampling.INSTANCE)
            .build();

    private static LimitedWordRepeat parse(Kwargs k) {
        return new LimitedWordRepeat(k.integer("small_n", 0, Kwargs.RANDOM_IF_NEGATIVE));
    }

    public ConstraintType<LimitedWordRepeat> type() { return TYPE; }

    public String description() {
        return "The response should not repeat any word more than " + smallN + " times.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("small_n", smallN);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return mostRepeats(response, smallN) <= smallN;
    }

    /**
     * How often the most frequent word occurs (lower-cased, ASCII punctuation deleted, split on whitespace), counted
     * until a word passes {@code limit} (then a number over it).
     */
    private static int mostRepeats(String response, int limit) {
        String words = PyText.removePunctuation(PyText.lower(response));
        Regions.Distinct counts = new Regions.Distinct(words, Math.min(64, words.length() / 4));
        int most = 0;
        int end = 0;
        for (int start; (start = PyText.wordStart(words, end)) < words.length() && most <= limit; ) {
            // PyText.wordEnd, hashing the word on the way.
            int h = 0;
            for (end = start; end < words.length(); end++) {
                char c = words.charAt(end);
                if (PyText.isSpace(c)) break;
                h = 31 * h + c;
            }
            most = Math.max(most, counts.count(start, end, h));
        }
        return most;
    }

    /** Each occurrence of a word past its small_n-th. */
    private List<int[]> overLimit(String response) {
        Map<String, Integer> counts = new HashMap<>();
        List<int[]> out = new ArrayList<>();
        for (int[] w : Edits.whitespaceWords(response)) {
            String word = PyText.removePunctuation(PyText.lower(response.substring(w[0], w[1])));
            if (!word.isEmpty() && counts.merge(word, 1, Integer::sum) > smallN) out.add(w);
        }
        return out;
    }

    /** Each occurrence of a word past its small_n-th. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.numbered(overLimit(response), "repeated word");
    }

    /** A sentence repeating one word small_n + 1 times added. */
    public List<Edit> breaks(String response, TextTools text) {
        String sentence = String.join(" ", Collections.nCopies(smallN + 1, "again")) + ".";
        return Edits.verified(List.of(Edits.appending("add_repeats", response, sentence)), r -> !isFollowedBy(r, text));
    }

    /** Every occurrence past the small_n-th cut. */
    public List<Edit> repairs(String response, TextTools text) {
        return Edits.verified(List.of(new Edit("remove_repeats", Edits.cutAll(response, overLimit(response)))), r -> isFollowedBy(r, text));
    }

    /** Read off the final witness: its most repeated word's count, plus 0 to 2. */
    private enum Sampling implements Sketch<LimitedWordRepeat> {
        INSTANCE;

        public LimitedWordRepeat finish(Draft d) {
            return new LimitedWordRepeat(mostRepeats(d.witnessText(), Integer.MAX_VALUE) + d.between(0, 2));
        }
    }
}
