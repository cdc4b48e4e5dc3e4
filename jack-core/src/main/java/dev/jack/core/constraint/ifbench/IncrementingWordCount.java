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
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * sentence:increment — each Punkt sentence has exactly small_n more whitespace words (ASCII punctuation
 * deleted) than the one before.
 */
public record IncrementingWordCount(int smallN) implements Constraint {
    public static final String ID = "sentence:increment";

    public static final ConstraintType<IncrementingWordCount> TYPE = ConstraintType.builder(ID, IncrementingWordCount::parse)
            .parameters(Parameter.integer("small_n", 0))
            .example(new IncrementingWordCount(4))
            .analyses(TextAnalysis.SENTENCES)
            .alone("its sentences' word counts are fixed, which other constraints' sentences would break")
            .hardness(0.8)
            .phrasings("Each sentence must contain exactly {small_n} more words than the previous one.",
                    "Every sentence you write must be exactly {small_n} words longer than the one before it.",
                    "Grow your sentences: each must have {small_n} more words than the previous sentence.")
            .synthesis(500, Sampling::new)
            .build();

    private static IncrementingWordCount parse(Kwargs k) {
        return new IncrementingWordCount(k.integer("small_n", 0, Kwargs.RANDOM_IF_NEGATIVE));
    }

    public ConstraintType<IncrementingWordCount> type() { return TYPE; }

    public String description() {
        return "Each sentence must contain exactly " + smallN + " more words than the previous one.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("small_n", smallN);
    }

    private static int words(String sentence) {
        return PyText.countWords(PyText.removePunctuation(sentence));
    }

    public boolean isFollowedBy(String response, TextTools text) {
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

    /** Each sentence whose word count is not the previous one's plus small_n, or every sentence when none is. */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> sentences = text.sentenceSpans(response);
        if (sentences.isEmpty()) return List.of(Span.missing(0, "no sentence"));
        List<Span> wrong = new ArrayList<>();
        List<Span> all = new ArrayList<>();
        int previous = -1;
        for (int[] s : sentences) {
            int count = words(response.substring(s[0], s[1]));
            boolean fits = previous < 0 || count == previous + smallN;
            String label = count + " words" + (previous < 0 ? "" : ", " + (previous + smallN) + " expected");
            all.add(new Span(s[0], s[1], label));
            if (!fits) wrong.add(new Span(s[0], s[1], label));
            previous = count;
        }
        return wrong.isEmpty() ? all : wrong;
    }

    /** A three-word sentence added. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(Edits.addUntil("add_sentence", response, List.of("That is all."), 1, r -> !isFollowedBy(r, text)), r -> !isFollowedBy(r, text));
    }

    /** The sentences cut from the end until the counts step by small_n. */
    public List<Edit> repairs(String response, TextTools text) {
        return Edits.verified(Edits.bySentences(response, text, true, r -> isFollowedBy(r, text)), r -> isFollowedBy(r, text));
    }

    /** Three to five sentences of 3 to 5 words, then small_n (1 to 3) more each, cut from the pool's words. */
    private static final class Sampling implements Sketch<IncrementingWordCount> {
        private int step;

        public void content(Draft d) {
            step = d.between(1, 3);
            List<String> words = new ArrayList<>();
            for (String s : d.pool()) words.addAll(PyText.split(PyText.removePunctuation(s)));
            List<String> sentences = new ArrayList<>();
            int at = d.nextInt(words.size());
            for (int i = 0, length = d.between(3, 5), count = d.between(3, 5); i < count; i++, length += step) {
                List<String> sentence = new ArrayList<>(length);
                for (int w = 0; w < length; w++, at = (at + 1) % words.size()) sentence.add(PyText.lower(words.get(at)));
                String text = String.join(" ", sentence);
                sentences.add(Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".");
            }
            d.witness().setText(String.join(" ", sentences));
        }

        public IncrementingWordCount finish(Draft d) {
            return new IncrementingWordCount(step);
        }
    }
}
