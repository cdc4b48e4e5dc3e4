package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.PyRepr;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.Vocabulary;
import dev.jack.core.text.Literals;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** keywords:existence — every keyword (a regular expression, as in IFEval) occurs, ignoring case. */
public record KeywordsExistence(List<String> keywords) implements Constraint {
    public static final String ID = "keywords:existence";

    public KeywordsExistence {
        keywords = List.copyOf(keywords.stream().sorted().toList());
        for (int i = 0; i < keywords.size(); i++) Kwargs.regex("keywords[" + i + "]", keywords.get(i), PyRegex.IGNORECASE);
    }

    public static final ConstraintType<KeywordsExistence> TYPE = ConstraintType.builder(ID, KeywordsExistence::parse)
            .parameters(new Parameter("keywords", "list of strings (regular expressions, matched ignoring case)"))
            .example(new KeywordsExistence(List.of("budget", "timeline")))
            .hardness(0.2)
            .phrasings("Include the keywords {keywords} in your response.",
                    "Make sure your answer mentions {keywords}.",
                    "Your response must contain the words {keywords}.")
            .synthesis(170, Sampling::new)
            .build();

    private static KeywordsExistence parse(Kwargs k) {
        return new KeywordsExistence(k.strings("keywords"));
    }

    public ConstraintType<KeywordsExistence> type() { return TYPE; }

    public String description() {
        return "Include keywords " + PyRepr.list(keywords) + " in the response.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        for (String keyword : keywords) {
            boolean found = PyRegex.isLiteral(keyword)
                    ? Literals.indexOfIgnoreCase(response, keyword, 0) >= 0
                    : PyRegex.cached(keyword, PyRegex.IGNORECASE).matcher(response).find();
            if (!found) return false;
        }
        return true;
    }

    /** Passed: each keyword's first match. Failed: where each missing keyword would go. */
    public List<Span> spans(String response, TextTools text) {
        List<Span> out = new ArrayList<>();
        for (String keyword : keywords) {
            List<int[]> found = Edits.matches(response, keyword, false);
            out.add(found.isEmpty() ? Span.missing(Edits.textEnd(response), "missing keyword " + keyword)
                    : new Span(found.getFirst()[0], found.getFirst()[1], "keyword " + keyword));
        }
        if (!isFollowedBy(response, text)) out.removeIf(s -> s.start() != s.end());
        out.sort(Comparator.comparingInt(Span::start));
        return out;
    }

    /** For each keyword, the words with its matches cut. */
    public List<Edit> breaks(String response, TextTools text) {
        List<Edit> out = new ArrayList<>();
        for (String keyword : keywords) out.add(new Edit("remove_keyword", Edits.cutAll(response, Edits.words(response, Edits.matches(response, keyword, false)))));
        return out;
    }

    /** A sentence that mentions each missing keyword (plain words only). */
    public List<Edit> repairs(String response, TextTools text) {
        List<String> sentences = new ArrayList<>();
        for (String keyword : keywords) {
            if (!Edits.matches(response, keyword, false).isEmpty()) continue;
            if (!PyRegex.isLiteral(keyword)) return List.of();
            sentences.add(Vocabulary.KEYWORD_SENTENCES.get(sentences.size() % Vocabulary.KEYWORD_SENTENCES.size()).replace("{}", keyword));
        }
        List<Edit> out = new ArrayList<>();
        for (String edited : Edits.withSentence(response, Edits.inCaseOf(response, String.join(" ", sentences)))) out.add(new Edit("add_keyword", edited));
        return out;
    }

    public Map<String, Object> kwargs() { return Map.of("keywords", keywords); }

    /** Two or three keywords, chosen with the prompt's other words; a sentence mentions each. */
    private static final class Sampling implements Sketch<KeywordsExistence> {
        private List<String> keywords;

        public void vocabulary(Draft d) {
            keywords = d.freshKeywords(d.between(2, 3));
        }

        public void content(Draft d) {
            for (String keyword : keywords) d.addSentence(d.keywordSentence(keyword));
        }

        public KeywordsExistence finish(Draft d) {
            return new KeywordsExistence(keywords);
        }
    }
}
