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
import dev.jack.core.constraint.Witness;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * last_word:last_word_sent — every regex-splitter sentence's last whitespace word, with characters that
 * are neither word characters nor whitespace removed, is last_word, ignoring case.
 */
public record LastWordSentences(String lastWord) implements Constraint {
    public static final String ID = "last_word:last_word_sent";

    public static final ConstraintType<LastWordSentences> TYPE = ConstraintType.builder(ID, LastWordSentences::parse)
            .parameters(new Parameter("last_word", "string, or a list whose first string is used"))
            .example(new LastWordSentences("rocket"))
            .analyses(TextAnalysis.REGEX_SENTENCES)
            .alone("every sentence's last word is fixed, which other constraints' sentences would break")
            .hardness(0.55)
            .phrasings("The last word of each sentence, before punctuation, should be the word {last_word}.",
                    "End every sentence with the word {last_word} (before the final punctuation).",
                    "Each of your sentences must finish with the word \"{last_word}\".")
            .synthesis(500, Sampling::new)
            .build();

    private static LastWordSentences parse(Kwargs k) {
        return new LastWordSentences(Words.wordOrFirstOfList(k, "last_word"));
    }

    public ConstraintType<LastWordSentences> type() { return TYPE; }

    public String description() {
        return "The last word of each sentence, before punctuation, should be the word " + lastWord + ".";
    }

    public Map<String, Object> kwargs() {
        return Map.of("last_word", lastWord);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String expected = PyText.lower(lastWord);
        for (String sentence : text.regexSentences(response)) {
            if (PyText.isBlank(sentence)) return false;
            if (!PyText.lower(Words.withoutPunctuation(PyText.split(sentence).getLast())).equals(expected)) return false;
        }
        return true;
    }

    private static final List<String> CLOSERS = List.of("today", "again", "together", "here", "now");

    /** Each regex-splitter sentence's last whitespace word, marked when it is not the word. */
    public List<Span> spans(String response, TextTools text) {
        List<String> sentences = text.regexSentences(response);
        List<int[]> at = Edits.locate(response, sentences);
        List<Span> out = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            List<int[]> words = at.get(i) == null ? List.of() : Edits.whitespaceWords(sentences.get(i));
            if (words.isEmpty()) continue;
            int[] w = words.getLast();
            String word = sentences.get(i).substring(w[0], w[1]);
            boolean ok = PyText.lower(Words.withoutPunctuation(word)).equals(PyText.lower(lastWord));
            out.add(new Span(at.get(i)[0] + w[0], at.get(i)[0] + w[1], "last word of sentence " + (i + 1) + (ok ? "" : ", not " + lastWord)));
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

    /** The word put at the end of each sentence that lacks it. */
    public List<Edit> repairs(String response, TextTools text) {
        List<String> sentences = text.regexSentences(response);
        List<int[]> at = Edits.locate(response, sentences);
        String edited = response;
        for (int i = sentences.size() - 1; i >= 0; i--) {
            List<int[]> words = Edits.whitespaceWords(sentences.get(i));
            if (at.get(i) == null || words.isEmpty()) continue;
            int[] w = words.getLast();
            String word = sentences.get(i).substring(w[0], w[1]);
            if (PyText.lower(Words.withoutPunctuation(word)).equals(PyText.lower(lastWord))) continue;
            int put = at.get(i)[0] + w[0] + PyText.rstrip(word, PyText.PUNCTUATION).length();
            edited = Edits.replace(edited, put, put, " " + lastWord);
        }
        return Edits.verified(List.of(new Edit("add_last_words", edited)), r -> isFollowedBy(r, text));
    }

    /** Three to five pool sentences, each closed by the word before its period. */
    private static final class Sampling implements Sketch<LastWordSentences> {
        private String word;

        public void content(Draft d) {
            word = d.pick(CLOSERS);
            List<String> sentences = new ArrayList<>();
            for (int i = d.between(3, 5); i > 0; i--) sentences.add(Witness.stripPeriod(d.sentence()) + " " + word + ".");
            d.witness().setText(String.join(" ", sentences));
        }

        public LastWordSentences finish(Draft d) {
            return new LastWordSentences(word);
        }
    }
}
