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

/** first_word:first_word_sent — every regex-splitter sentence's first whitespace word is first_word, ignoring case. */
public record FirstWordSentences(String firstWord) implements Constraint {
    public static final String ID = "first_word:first_word_sent";

    public static final ConstraintType<FirstWordSentences> TYPE = ConstraintType.builder(ID, FirstWordSentences::parse)
            .parameters(new Parameter("first_word", "string, or a list whose first string is used"))
            .example(new FirstWordSentences("window"))
            .analyses(TextAnalysis.REGEX_SENTENCES)
            .alone("every sentence's first word is fixed, which other constraints' sentences would break")
            .hardness(0.55)
            .phrasings("The first word of each sentence should be the word {first_word}.",
                    "Begin every sentence with the word {first_word}.",
                    "Each of your sentences must start with \"{first_word}\".")
            .synthesis(500, Sampling::new)
            .build();

    private static FirstWordSentences parse(Kwargs k) {
        return new FirstWordSentences(Words.wordOrFirstOfList(k, "first_word"));
    }

    public ConstraintType<FirstWordSentences> type() { return TYPE; }

    public String description() {
        return "The first word of each sentence should be the word " + firstWord + ".";
    }

    public Map<String, Object> kwargs() {
        return Map.of("first_word", firstWord);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String expected = PyText.lower(firstWord);
        for (String sentence : text.regexSentences(response)) {
            if (PyText.isBlank(sentence)) return false;
            if (!PyText.lower(PyText.split(sentence).getFirst()).equals(expected)) return false;
        }
        return true;
    }

    private static final List<String> OPENERS = List.of("Indeed", "Also", "Then", "Still", "Today");

    /** Each regex-splitter sentence's first whitespace word, marked when it is not the word. */
    public List<Span> spans(String response, TextTools text) {
        List<String> sentences = text.regexSentences(response);
        List<int[]> at = Edits.locate(response, sentences);
        List<Span> out = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            List<int[]> words = at.get(i) == null ? List.of() : Edits.whitespaceWords(sentences.get(i));
            if (words.isEmpty()) continue;
            int[] w = words.getFirst();
            String word = sentences.get(i).substring(w[0], w[1]);
            boolean ok = PyText.lower(word).equals(PyText.lower(firstWord));
            out.add(new Span(at.get(i)[0] + w[0], at.get(i)[0] + w[1], "first word of sentence " + (i + 1) + (ok ? "" : ", not " + firstWord)));
        }
        return out;
    }

    /** A sentence added at the start or at the end. */
    public List<Edit> breaks(String response, TextTools text) {
        int start = PyText.stripStart(response);
        List<Edit> out = new ArrayList<>();
        for (String s : Edits.fillers(response, 2)) {
            out.add(new Edit("add_sentence", Edits.replace(response, start, start, s + " ")));
            out.add(new Edit("add_sentence", Edits.appended(response, s)));
        }
        return Edits.verified(out, r -> !isFollowedBy(r, text));
    }

    /** The word put before each sentence that lacks it. */
    public List<Edit> repairs(String response, TextTools text) {
        List<String> sentences = text.regexSentences(response);
        List<int[]> at = Edits.locate(response, sentences);
        String edited = response;
        for (int i = sentences.size() - 1; i >= 0; i--) {
            List<int[]> words = Edits.whitespaceWords(sentences.get(i));
            if (at.get(i) == null || words.isEmpty()) continue;
            int[] w = words.getFirst();
            String word = sentences.get(i).substring(w[0], w[1]);
            if (PyText.lower(word).equals(PyText.lower(firstWord))) continue;
            int put = at.get(i)[0] + w[0];
            edited = Edits.replace(edited, put, put, firstWord + " ");
        }
        return Edits.verified(List.of(new Edit("add_first_words", edited)), r -> isFollowedBy(r, text));
    }

    /** Three to five pool sentences, each opened by the word. */
    private static final class Sampling implements Sketch<FirstWordSentences> {
        private String word;

        public void content(Draft d) {
            word = d.pick(OPENERS);
            List<String> sentences = new ArrayList<>();
            for (int i = d.between(3, 5); i > 0; i--) {
                String s = d.sentence();
                sentences.add(word + " " + Character.toLowerCase(s.charAt(0)) + s.substring(1));
            }
            d.witness().setText(String.join(" ", sentences));
        }

        public FirstWordSentences finish(Draft d) {
            return new FirstWordSentences(word);
        }
    }
}
