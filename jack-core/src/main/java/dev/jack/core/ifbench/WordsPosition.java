package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * words:words_position — the second word token and the second-to-last one (third-to-last when the
 * last token is punctuation) are the keyword, ignoring case. "Is punctuation" is the reference's
 * substring test on {@code string.punctuation}: "!" is, "..." is not.
 */
public record WordsPosition(String keyword) implements Checker {
    public static final String ID = "words:words_position";

    static WordsPosition parse(Args a) {
        return new WordsPosition(PyText.strip(a.string("keyword")));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "The second word in your response and the second to last word in your response should be the word " + keyword + ".";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("keyword", keyword);
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.WORD_TOKENS);
    }

    public boolean check(String response, Analyses text) {
        List<String> words = text.words(response);
        int n = words.size();
        if (n < 2) return false;
        String target = PyText.lower(keyword);
        int fromEnd = PyStr.PUNCTUATION.contains(words.getLast()) ? 3 : 2;
        if (n < fromEnd) return false;
        return PyText.lower(words.get(1)).equals(target) && PyText.lower(words.get(n - fromEnd)).equals(target);
    }
}
