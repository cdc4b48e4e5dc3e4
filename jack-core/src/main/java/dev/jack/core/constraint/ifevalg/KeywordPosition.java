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
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * keywords:keyword_specific_position — in the n-th regex-splitter sentence, the m-th NLTK word token
 * (punctuation included) is the keyword, case-sensitively. (IFBench's words:keywords_specific_position
 * differs: Punkt sentences, alphanumeric tokens only, case-insensitive.)
 */
public record KeywordPosition(String keyword, int n, int m) implements Constraint {
    public static final String ID = "keywords:keyword_specific_position";

    public static final ConstraintType<KeywordPosition> TYPE = ConstraintType.builder(ID, KeywordPosition::parse)
            .parameters(Parameter.integer("n", 1), Parameter.integer("m", 1), new Parameter("keyword", "string, or a list whose first string is used"))
            .example(new KeywordPosition("window", 4, 3))
            .analyses(TextAnalysis.REGEX_SENTENCES, TextAnalysis.WORD_TOKENS)
            .hardness(0.55)
            .phrasings("Include keyword {keyword} in the {n}-th sentence, as the {m}-th word of that sentence.",
                    "In sentence {n} of your answer, word number {m} must be {keyword}.",
                    "Make {keyword} the {m}-th word of your {n}-th sentence.")
            .synthesis(900, () -> Sampling.INSTANCE)
            .build();

    private static KeywordPosition parse(Kwargs k) {
        return new KeywordPosition(Words.wordOrFirstOfList(k, "keyword"),
                k.integer("n", 1, Kwargs.RANDOM_IF_ZERO), k.integer("m", 1, Kwargs.RANDOM_IF_ZERO));
    }

    public ConstraintType<KeywordPosition> type() { return TYPE; }

    public String description() {
        return "Include keyword " + keyword + " in the " + n + "-th sentence, as the " + m + "-th word of that sentence.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("keyword", keyword, "n", n, "m", m);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> sentences = text.regexSentences(response);
        if (sentences.size() < n) return false;
        List<String> words = text.wordTokenize(sentences.get(n - 1));
        return words.size() >= m && words.get(m - 1).equals(keyword);
    }

    /** The m-th token of the n-th sentence, or where the sentence or token is missing. */
    public List<Span> spans(String response, TextTools text) {
        int[] token = token(response, text);
        boolean ok = isFollowedBy(response, text);
        if (token == null) return List.of(Span.missing(Edits.textEnd(response), "no token " + m + " in sentence " + n + " (" + keyword + " needed)"));
        return List.of(new Span(token[0], token[1], "token " + m + " of sentence " + n + (ok ? "" : ", not " + keyword)));
    }

    /** Where the m-th token of the n-th regex-splitter sentence lies, or null. */
    private int[] token(String response, TextTools text) {
        List<String> sentences = text.regexSentences(response);
        if (sentences.size() < n) return null;
        int[] sentence = Edits.locate(response, sentences).get(n - 1);
        List<String> tokens = text.wordTokenize(sentences.get(n - 1));
        if (sentence == null || tokens.size() < m) return null;
        int[] t = Edits.locate(sentences.get(n - 1), tokens).get(m - 1);
        return t == null ? null : new int[] {sentence[0] + t[0], sentence[0] + t[1]};
    }

    /** A sentence added at the start, which moves every sentence one on. */
    public List<Edit> breaks(String response, TextTools text) {
        int start = PyText.stripStart(response);
        return Edits.verified(Edits.fillers(response, 2).stream().map(s -> new Edit("add_sentence", Edits.replace(response, start, start, s + " "))).toList(),
                r -> !isFollowedBy(r, text));
    }

    /**
     * The m-th token of the n-th sentence replaced by the keyword, or a sentence whose m-th word is the keyword put in
     * as the n-th (after neutral sentences where there are fewer than n - 1).
     */
    public List<Edit> repairs(String response, TextTools text) {
        int[] token = token(response, text);
        List<Edit> out = new java.util.ArrayList<>(2);
        if (token != null) out.add(new Edit("replace_word", Edits.replace(response, token[0], token[1], keyword)));
        if (m <= 40 && n <= Edits.MAX_ADDED) {
            List<String> words = new java.util.ArrayList<>(List.of("We", "all", "know", "this", "one", "well", "now"));
            List<String> lead = new java.util.ArrayList<>();
            for (int i = 0; i < m - 1; i++) lead.add(words.get(i % words.size()));
            String sentence = String.join(" ", lead) + (lead.isEmpty() ? "" : " ") + keyword + " here.";
            List<String> sentences = text.regexSentences(response);
            int[] nth = sentences.size() >= n ? Edits.locate(response, sentences).get(n - 1) : null;
            if (nth != null) {
                out.add(new Edit("add_sentence", Edits.replace(response, nth[0], nth[0], sentence + " ")));
            } else if (sentences.size() < n) {
                List<String> added = new java.util.ArrayList<>(Edits.fillers(response, n - 1 - sentences.size()));
                added.add(sentence);
                out.add(new Edit("add_sentence", Edits.appended(response, String.join(" ", added))));
            }
        }
        return Edits.verified(out, r -> isFollowedBy(r, text));
    }

    /** Read off the final witness: one of its first six regex sentences, and one of that sentence's first ten tokens made of letters only. */
    private enum Sampling implements Sketch<KeywordPosition> {
        INSTANCE;

        public KeywordPosition finish(Draft d) {
            Draft.Position p = d.pickPosition(d.text().regexSentences(d.witnessText()), d.text()::wordTokenize, 6, 10, any -> true);
            return p == null ? null : new KeywordPosition(p.word(), p.sentence(), p.index());
        }
    }
}
