package dev.jack.core.ifbench;

import dev.jack.core.text.PyChars;
import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * words:keywords_specific_position — in the n-th Punkt sentence, the m-th word token that has a letter
 * or digit equals the keyword, ignoring case. (IFEvalG's keywords:keyword_specific_position differs:
 * regex sentences, all tokens, case-sensitive.)
 */
public record KeywordSpecificPosition(String keyword, int n, int m) implements Checker {
    public static final String ID = "words:keywords_specific_position";

    static KeywordSpecificPosition parse(Args a) {
        return new KeywordSpecificPosition(a.stripped("keyword"),
                a.integer("n", 1, Args.RANDOM_IF_ZERO), a.integer("m", 1, Args.RANDOM_IF_ZERO));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Include keyword " + keyword + " in the " + n + "-th sentence, as the " + m + "-th word of that sentence.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("keyword", keyword, "n", n, "m", m);
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.PUNKT_SENTENCES, Analysis.WORD_TOKENS);
    }

    public boolean check(String response, Analyses text) {
        List<String> sentences = text.sentences(response);
        if (sentences.size() < n) return false;
        List<String> words = text.words(sentences.get(n - 1)).stream()
                .filter(t -> t.codePoints().anyMatch(PyChars::isAlnum)).toList();
        return words.size() >= m && PyText.lower(words.get(m - 1)).equals(PyText.lower(keyword));
    }
}
