package dev.jack.core.constraint.ifevalg;

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
 * count:counting_composition — 3 paragraphs between "***" dividers, each of exactly n_sent
 * regex-splitter sentences of exactly n_words NLTK word tokens (the final "." is a token). A blank
 * first or last paragraph still has to hold n_sent sentences, so a leading or trailing divider fails.
 */
public record CountingComposition(int nSent, int nWords) implements Constraint {
    public static final String ID = "count:counting_composition";

    public static final ConstraintType<CountingComposition> TYPE = ConstraintType.builder(ID, CountingComposition::parse)
            .parameters(Parameter.integer("n_sent", 1), Parameter.integer("n_words", 1))
            .example(new CountingComposition(1, 5))
            .analyses(TextAnalysis.REGEX_SENTENCES, TextAnalysis.WORD_TOKENS)
            .build();

    private static CountingComposition parse(Kwargs k) {
        return new CountingComposition(k.integer("n_sent", 1, Kwargs.RANDOM_IF_ZERO), k.integer("n_words", 1, Kwargs.RANDOM_IF_ZERO));
    }

    public ConstraintType<CountingComposition> type() { return TYPE; }



    public String description() {
        return "Write 3 paragraphs, delimited by the markdown divider: * * *, with exactly " + nSent
                + " sentences each, with exactly " + nWords + " words in each sentence.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("n_sent", nSent, "n_words", nWords);
    }


    public boolean isFollowedBy(String response, TextTools text) {
        List<String> paragraphs = PyText.split(Paragraphs.DIVIDER, response);
        int count = paragraphs.size();
        for (int i = 0; i < paragraphs.size(); i++) {
            String paragraph = paragraphs.get(i);
            if (PyText.isBlank(paragraph)) {
                if (i != 0 && i != paragraphs.size() - 1) return false;
                count--;
            }
            List<String> sentences = text.regexSentences(paragraph);
            if (sentences.size() != nSent) return false;
            for (String s : sentences) if (text.wordTokenize(s).size() != nWords) return false;
        }
        return count == 3;
    }
}
