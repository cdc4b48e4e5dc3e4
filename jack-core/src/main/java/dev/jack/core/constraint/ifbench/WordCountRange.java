package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Relation;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.ifeval.NumberOfWords;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
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

    /** IFEval's length_constraints:number_words at the bound the count is past (less than max_words + 1), else at min_words. */
    private NumberOfWords bound(String response) {
        return PyText.countWordRuns(response) > maxWords ? new NumberOfWords(maxWords + 1, Relation.LESS_THAN) : new NumberOfWords(minWords, Relation.AT_LEAST);
    }

    /** As IFEval's length_constraints:number_words at the bound that decides. */
    public List<Span> spans(String response, TextTools text) {
        return bound(response).spans(response, text);
    }

    /** Whole sentences cut below min_words, or added past max_words. */
    public List<Edit> breaks(String response, TextTools text) {
        List<Edit> out = new ArrayList<>(Edits.bySentences(response, text, true, r -> !isFollowedBy(r, text)));
        out.addAll(Edits.bySentences(response, text, false, r -> !isFollowedBy(r, text)));
        return Edits.verified(out, r -> !isFollowedBy(r, text));
    }

    /** Whole sentences cut (too many words) or added (too few) until the count is in range; too many, also the words past max_words cut. */
    public List<Edit> repairs(String response, TextTools text) {
        List<int[]> words = PyText.wordRuns(response);
        boolean fewer = words.size() > maxWords;
        List<Edit> out = new ArrayList<>(Edits.bySentences(response, text, fewer, r -> isFollowedBy(r, text)));
        if (fewer) out.add(new Edit("remove_words", Edits.cutAll(response, words.subList(maxWords, words.size()))));
        return Edits.verified(out, r -> isFollowedBy(r, text));
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
