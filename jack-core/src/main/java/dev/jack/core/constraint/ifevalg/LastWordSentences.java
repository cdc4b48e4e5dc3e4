package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.text.TextAnalysis;

import dev.jack.core.text.PyText;

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
}
