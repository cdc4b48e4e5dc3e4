package dev.jack.core.constraint.ifevalg;

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
 * count:counting_composition — 3 paragraphs between "***" dividers, each of exactly n_sent
 * regex-splitter sentences of exactly n_words NLTK word tokens (the final "." is a token). A blank
 * first or last paragraph still has to hold n_sent sentences, so a leading or trailing divider fails.
 */
public record CountingComposition(int nSent, int nWords) implements Constraint {
    public static final String ID = "count:counting_composition";

    public static final ConstraintType<CountingComposition> TYPE = ConstraintType.builder(ID, CountingComposition::parse)
            .parameters(Parameter.integer("n_sent", 1), Parameter.integer("n_words", 1))
            .example(new CountingComposition(1, 5))
            .analyses(TextAnalysis.REGEX_SENTENCES, TextAnalysis.WORD_TOKENS)
            .alone("its paragraphs, sentences and words are all counted, which other constraints' text would break")
            .hardness(0.8)
            .phrasings("Write 3 paragraphs, delimited by the markdown divider: * * *, with exactly {n_sent} sentences each, with exactly {n_words} words in each sentence.",
                    "Write three paragraphs separated by *** lines; each paragraph has exactly {n_sent} {sentences}, and each sentence exactly {n_words} words (its final period counts as one).",
                    "Compose 3 paragraphs divided by ***, every paragraph with {n_sent} {sentences} of exactly {n_words} words each.")
            .synthesis(500, Sampling::new)
            .build();

    private static CountingComposition parse(Kwargs k) {
        return new CountingComposition(k.integer("n_sent", 1, Kwargs.RANDOM_IF_ZERO), k.integer("n_words", 1, Kwargs.RANDOM_IF_ZERO));
    }

    public ConstraintType<CountingComposition> type() { return TYPE; }

    public String description() {
        return "Write 3 paragraphs, delimited by the markdown divider: * * *, with exactly " + nSent
                + " sentences each, with exactly " + nWords + " words in each sentence.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("n_sent", nSent, "n_words", nWords);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> paragraphs = PyText.split(Paragraphs.DIVIDER, response);
        int count = paragraphs.size();
        for (int i = 0; i < paragraphs.size(); i++) {
            String paragraph = paragraphs.get(i);
            if (PyText.isBlank(paragraph)) {
                if (i != 0 && i != paragraphs.size() - 1) return false;
                count--;
            }
            List<String> sentences = text.regexSentences(paragraph);
            if (sentences.size() != nSent) return false;
            for (String s : sentences) if (text.wordTokenize(s).size() != nWords) return false;
        }
        return count == 3;
    }

    /** Each divider, and, with another count than 3 paragraphs, where that shows. */
    public List<Span> spans(String response, TextTools text) {
        java.util.regex.Matcher m = Paragraphs.DIVIDER.matcher(response);
        List<int[]> dividers = new ArrayList<>();
        while (m.find()) dividers.add(new int[] {m.start(), m.end()});
        List<Span> out = new ArrayList<>(Edits.numbered(dividers, "divider"));
        int paragraphs = Paragraphs.count(PyText.split(Paragraphs.DIVIDER, response));
        if (paragraphs != 3) out.add(Span.missing(Edits.textEnd(response), (paragraphs < 0 ? "an empty paragraph" : paragraphs + " paragraphs") + ", exactly 3 needed"));
        return out;
    }

    /** A sentence added to the first or last paragraph, so it holds one sentence too many. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(Edits.withSentence(response, Edits.fillers(response, 1).getFirst()).stream().map(r -> new Edit("add_sentence", r)).toList(),
                r -> !isFollowedBy(r, text));
    }

    /**
     * Three paragraphs joined by {@code ***} lines (the reference's description says "* * *" but splits on
     * {@code ***}), of one to three sentences each with n_words - 1 lower-case pool words of two letters or more
     * and a period (word_tokenize counts the period).
     */
    private static final class Sampling implements Sketch<CountingComposition> {
        private int sentences;
        private int words;

        public void content(Draft d) {
            sentences = d.between(1, 3);
            words = d.between(4, 9);
            List<String> stream = new ArrayList<>();
            for (String s : d.pool()) for (String w : PyText.split(PyText.removePunctuation(s))) if (w.length() > 1) stream.add(PyText.lower(w));
            int at = d.nextInt(stream.size());
            List<String> paragraphs = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                List<String> paragraph = new ArrayList<>();
                for (int s = 0; s < sentences; s++) {
                    List<String> sentence = new ArrayList<>();
                    for (int w = 1; w < words; w++, at = (at + 1) % stream.size()) sentence.add(stream.get(at));
                    String text = String.join(" ", sentence);
                    paragraph.add(Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".");
                }
                paragraphs.add(String.join(" ", paragraph));
            }
            d.witness().setText(String.join("\n***\n", paragraphs));
        }

        public CountingComposition finish(Draft d) {
            return new CountingComposition(sentences, words);
        }
    }
}
