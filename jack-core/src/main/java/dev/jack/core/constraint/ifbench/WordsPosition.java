package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.text.TextAnalysis;

import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Map;

/**
 * words:words_position — the second word token and the second-to-last one (third-to-last when the
 * last token is punctuation) are the keyword, ignoring case. "Is punctuation" is the reference's
 * substring test on {@code string.punctuation}: "!" is, "..." is not.
 */
public record WordsPosition(String keyword) implements Constraint {
    public static final String ID = "words:words_position";

    public static final ConstraintType<WordsPosition> TYPE = ConstraintType.builder(ID, WordsPosition::parse)
            .parameters(Parameter.string("keyword"))
            .example(new WordsPosition("vibrant"))
            .analyses(TextAnalysis.WORD_TOKENS)
            .build();

    private static WordsPosition parse(Kwargs k) {
        return new WordsPosition(PyText.strip(k.string("keyword")));
    }

    public ConstraintType<WordsPosition> type() { return TYPE; }



    public String description() {
        return "The second word in your response and the second to last word in your response should be the word " + keyword + ".";
    }

    public Map<String, Object> kwargs() {
        return Map.of("keyword", keyword);
    }


    public boolean isFollowedBy(String response, TextTools text) {
        List<String> words = text.wordTokenize(response);
        int n = words.size();
        if (n < 2) return false;
        String target = PyText.lower(keyword);
        int fromEnd = PyText.PUNCTUATION.contains(words.getLast()) ? 3 : 2;
        if (n < fromEnd) return false;
        return PyText.lower(words.get(1)).equals(target) && PyText.lower(words.get(n - fromEnd)).equals(target);
    }
}
