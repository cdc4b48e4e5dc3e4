package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Analysis;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * keywords:keyword_specific_position — in the n-th regex-splitter sentence, the m-th NLTK word token
 * (punctuation included) is the keyword, case-sensitively. (IFBench's words:keywords_specific_position
 * differs: Punkt sentences, alphanumeric tokens only, case-insensitive.)
 */
public record KeywordPosition(String keyword, int n, int m) implements Checker {
    public static final String ID = "keywords:keyword_specific_position";

    static KeywordPosition parse(Args a) {
        return new KeywordPosition(Words.wordOrFirstOfList(a, "keyword"),
                a.integer("n", 1, Args.RANDOM_IF_ZERO), a.integer("m", 1, Args.RANDOM_IF_ZERO));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "Include keyword " + keyword + " in the " + n + "-th sentence, as the " + m + "-th word of that sentence.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("keyword", keyword, "n", n, "m", m);
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.REGEX_SENTENCES, Analysis.WORD_TOKENS);
    }

    public boolean check(String response, Analyses text) {
        List<String> sentences = text.regexSentences(response);
        if (sentences.size() < n) return false;
        List<String> words = text.words(sentences.get(n - 1));
        return words.size() >= m && words.get(m - 1).equals(keyword);
    }
}
