package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
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
public record LastWordSentences(String lastWord) implements SentenceWordRule {
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
            if (!PyText.lower(Words.withoutPunctuation(PyText.words(sentence).getLast())).equals(expected)) return false;
        }
        return true;
    }

    private static final List<String> CLOSERS = List.of("today", "again", "together", "here", "now");

    public boolean last() { return true; }

    public String word() { return lastWord; }

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
