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

/** keywords:forbidden_words — none of the words occurs as a whole word, ignoring case. */
public record ForbiddenWords(List<String> forbiddenWords) implements Constraint {
    public static final String ID = "keywords:forbidden_words";

    public ForbiddenWords {
        forbiddenWords = forbiddenWords.stream().distinct().sorted().toList();
        for (int i = 0; i < forbiddenWords.size(); i++) {
            Kwargs.regex("forbidden_words[" + i + "]", wholeWord(forbiddenWords.get(i)), PyRegex.IGNORECASE);
        }
    }

    public static final ConstraintType<ForbiddenWords> TYPE = ConstraintType.builder(ID, ForbiddenWords::parse)
            .parameters(new Parameter("forbidden_words", "list of strings (regular expressions, matched as whole words ignoring case)"))
            .example(new ForbiddenWords(List.of("cheap", "easy")))
            .hardness(0.3)
            .phrasings("Do not include the words {forbidden_words} in your response.",
                    "Avoid using the words {forbidden_words}.",
                    "Your answer must not contain the words {forbidden_words}.")
            .synthesis(190, Sampling::new)
            .build();

    private static String wholeWord(String word) {
        return "\\b" + word + "\\b";
    }

    private static ForbiddenWords parse(Kwargs k) {
        return new ForbiddenWords(k.strings("forbidden_words"));
    }

    public ConstraintType<ForbiddenWords> type() { return TYPE; }

    public String description() {
        return "Do not include keywords " + PyRepr.list(forbiddenWords) + " in the response.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        for (String word : forbiddenWords) {
            boolean found = PyRegex.isLiteral(word)
                    ? Literals.containsWholeWordIgnoreCase(response, word)
                    : PyRegex.cached(wholeWord(word), PyRegex.IGNORECASE).matcher(response).find();
            if (found) return false;
        }
        return true;
    }

    /** Each forbidden word found (whole words, ignoring case). */
    public List<Span> spans(String response, TextTools text) {
        List<Span> out = new ArrayList<>();
        for (String word : forbiddenWords) for (int[] m : Edits.matches(response, word, true)) out.add(new Span(m[0], m[1], "forbidden word " + word));
        out.sort(Comparator.comparingInt(Span::start));
        return out;
    }

    /** A sentence that uses a forbidden word (each plain word in turn). */
    public List<Edit> breaks(String response, TextTools text) {
        List<Edit> out = new ArrayList<>();
        for (String word : forbiddenWords) {
            if (!PyRegex.isLiteral(word)) continue;
            out.add(new Edit("add_forbidden_word", Edits.withSentence(response, Edits.inCaseOf(response, Vocabulary.KEYWORD_SENTENCES.getFirst().replace("{}", word))).getFirst()));
        }
        return out;
    }

    /** Every forbidden word cut. */
    public List<Edit> repairs(String response, TextTools text) {
        List<int[]> found = new ArrayList<>();
        for (String word : forbiddenWords) found.addAll(Edits.matches(response, word, true));
        found.sort(Comparator.comparingInt((int[] m) -> m[0]));
        List<int[]> disjoint = new ArrayList<>();
        for (int[] m : found) if (disjoint.isEmpty() || disjoint.getLast()[1] <= m[0]) disjoint.add(m);
        return List.of(new Edit("remove_forbidden_words", Edits.cutAll(response, disjoint)));
    }

    public Map<String, Object> kwargs() { return Map.of("forbidden_words", forbiddenWords); }

    /** Two fresh keywords, and a sentence pool without them. */
    private static final class Sampling implements Sketch<ForbiddenWords> {
        private List<String> words;

        public void vocabulary(Draft d) {
            List<String> banned = words = d.freshKeywords(2);
            d.setPool(d.pool().stream().filter(s -> banned.stream().noneMatch(f -> Literals.containsWholeWordIgnoreCase(s, f))).toList());
        }

        public ForbiddenWords finish(Draft d) {
            return new ForbiddenWords(words);
        }
    }
}
