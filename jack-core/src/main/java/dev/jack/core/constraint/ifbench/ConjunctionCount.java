package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.AtLeastCount;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.AsciiLoweredSet;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * count:conjunctions — at least small_n distinct coordinating conjunctions. A whitespace word counts
 * when, stripped of ASCII punctuation and lower-cased, it is one of and/but/for/nor/or/so/yet; the
 * distinct ones are the raw words, so "and", "And" and "and," are three.
 */
public record ConjunctionCount(int smallN) implements AtLeastCount {
    public static final String ID = "count:conjunctions";

    public static final ConstraintType<ConjunctionCount> TYPE = ConstraintType.builder(ID, ConjunctionCount::parse)
            .parameters(Parameter.integer("small_n", 0))
            .example(new ConjunctionCount(5))
            .conflict(ResponseLanguage.ID, "its sentences are English")
            .hardness(0.45)
            .phrasings("Use at least {small_n} different coordinating conjunctions in the response.",
                    "Include at least {small_n} distinct coordinating conjunctions (and, but, for, nor, or, so, yet).",
                    "Your answer should use no fewer than {small_n} different coordinating conjunctions.")
            .synthesis(300, Sampling::new)
            .build();

    private static final AsciiLoweredSet CONJUNCTIONS = new AsciiLoweredSet(List.of("and", "but", "for", "nor", "or", "so", "yet"));

    private static ConjunctionCount parse(Kwargs k) {
        return new ConjunctionCount(k.integer("small_n", 0, Kwargs.RANDOM_IF_NEGATIVE));
    }

    public ConstraintType<ConjunctionCount> type() { return TYPE; }

    public String description() {
        return "Use at least " + smallN + " different coordinating conjunctions in the response.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("small_n", smallN);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        // The words read one at a time; the distinct ones kept in place, until there are enough.
        Regions.Distinct found = new Regions.Distinct(response, 8);
        int end = 0;
        for (int start; found.size() < smallN && (start = PyText.wordStart(response, end)) < response.length(); ) {
            end = PyText.wordEnd(response, start);
            // Stripped of PyText.PUNCTUATION_AND_SPACE in place.
            int from = PyText.stripPunctuationStart(response, start, end);
            if (CONJUNCTIONS.containsPyLowered(response, from, PyText.stripPunctuationEnd(response, from, end))) found.add(start, end);
        }
        return found.size() >= smallN;
    }

    /** Sentences with one coordinating conjunction each, a different one apiece. */
    private static final List<String> CONJUNCTION_SENTENCES = List.of("It is simple and it is useful.", "It looks hard but it is not.",
            "Ask a friend or try again.", "It is small yet it matters.", "Nobody rushed so nobody fell.", "This advice is for everyone.",
            "Neither the rain nor the wind stopped it.");

    /** The first occurrence of each distinct conjunction word, and, too few, where more would go. */
    public List<Span> spans(String response, TextTools text) {
        Set<String> seen = new HashSet<>();
        List<int[]> found = new ArrayList<>();
        for (int[] w : Edits.whitespaceWords(response)) {
            String word = response.substring(w[0], w[1]);
            String stripped = PyText.stripPunctuation(word);
            if (CONJUNCTIONS.containsPyLowered(stripped, 0, stripped.length()) && seen.add(word)) found.add(w);
        }
        return Edits.counted(found, dev.jack.core.constraint.Relation.AT_LEAST, smallN, "distinct conjunction", Edits.textEnd(response));
    }

    public String addOperation() { return "add_conjunctions"; }

    /** Sentences with one conjunction each, a different one apiece. */
    public List<String> addedSentences() { return CONJUNCTION_SENTENCES; }

    /** Two to five conjunctions, one sentence for each. */
    private static final class Sampling implements Sketch<ConjunctionCount> {
        private int n;

        public void content(Draft d) {
            n = d.between(2, 5);
            List<String> sentences = new ArrayList<>(CONJUNCTION_SENTENCES);
            for (int i = 0; i < n; i++) d.addSentence(sentences.remove(d.nextInt(sentences.size())));
        }

        public ConjunctionCount finish(Draft d) {
            return new ConjunctionCount(n);
        }
    }
}
