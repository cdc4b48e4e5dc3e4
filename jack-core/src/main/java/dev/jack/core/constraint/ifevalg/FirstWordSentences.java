package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** first_word:first_word_sent — every regex-splitter sentence's first whitespace word is first_word, ignoring case. */
public record FirstWordSentences(String firstWord) implements SentenceWordRule {
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
            if (!PyText.lower(PyText.words(sentence).getFirst()).equals(expected)) return false;
        }
        return true;
    }

    private static final List<String> OPENERS = List.of("Indeed", "Also", "Then", "Still", "Today");

    public boolean last() { return false; }

    public String word() { return firstWord; }

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
