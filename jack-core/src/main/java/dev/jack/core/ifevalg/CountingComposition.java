package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Analysis;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.PyStr;
import dev.jack.core.ifbench.Source;
import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * count:counting_composition — 3 paragraphs between "***" dividers, each of exactly n_sent
 * regex-splitter sentences of exactly n_words NLTK word tokens (the final "." is a token). A blank
 * first or last paragraph still has to hold n_sent sentences, so a leading or trailing divider fails.
 */
public record CountingComposition(int nSent, int nWords) implements Checker {
    public static final String ID = "count:counting_composition";

    static CountingComposition parse(Args a) {
        return new CountingComposition(a.integer("n_sent", 1, Args.RANDOM_IF_ZERO), a.integer("n_words", 1, Args.RANDOM_IF_ZERO));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "Write 3 paragraphs, delimited by the markdown divider: * * *, with exactly " + nSent
                + " sentences each, with exactly " + nWords + " words in each sentence.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("n_sent", nSent, "n_words", nWords);
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.REGEX_SENTENCES, Analysis.WORD_TOKENS);
    }

    public boolean check(String response, Analyses text) {
        List<String> paragraphs = PyStr.split(Paragraphs.DIVIDER, response);
        int count = paragraphs.size();
        for (int i = 0; i < paragraphs.size(); i++) {
            String paragraph = paragraphs.get(i);
            if (PyText.isBlank(paragraph)) {
                if (i != 0 && i != paragraphs.size() - 1) return false;
                count--;
            }
            List<String> sentences = text.regexSentences(paragraph);
            if (sentences.size() != nSent) return false;
            for (String s : sentences) if (text.words(s).size() != nWords) return false;
        }
        return count == 3;
    }
}
