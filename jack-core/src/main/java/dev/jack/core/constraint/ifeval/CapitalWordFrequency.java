package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Relation;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** change_case:capital_word_frequency — less than / at least N all-capital words, tokenized like nltk.word_tokenize. */
public record CapitalWordFrequency(int capitalFrequency, Relation capitalRelation) implements Constraint {
    public static final String ID = "change_case:capital_word_frequency";

    /** All-capital words synthesis writes. */
    private static final List<String> CAPITAL_WORDS = List.of("KEY", "NOTE", "REAL", "GOOD", "BIG", "HELPFUL", "IMPORTANT",
            "ALWAYS", "NEVER", "NOW", "TODAY", "SIMPLE", "CLEAR", "TRUE", "BEST", "FIRST", "LAST", "NEW");

    public static final ConstraintType<CapitalWordFrequency> TYPE = ConstraintType.builder(ID, CapitalWordFrequency::parse)
            .parameters(Parameter.integer("capital_frequency", 0), Parameter.relation("capital_relation"))
            .example(new CapitalWordFrequency(3, Relation.AT_LEAST))
            .analyses(TextAnalysis.WORD_TOKENS)
            .hardness(0.6)
            .phrasings("In your response, words with all capital letters should appear {capital_relation} {capital_frequency} {times}.",
                    "Use {capital_relation} {capital_frequency} {words} written entirely in capital letters.",
                    "Include {capital_relation} {capital_frequency} fully capitalized {words}.")
            .synthesis(200, Sampling::new)
            .build();

    private static CapitalWordFrequency parse(Kwargs k) {
        return new CapitalWordFrequency(k.integer("capital_frequency", 0), k.relation("capital_relation"));
    }

    public ConstraintType<CapitalWordFrequency> type() { return TYPE; }

    public String description() {
        return "In your response, words with all capital letters should appear " + capitalRelation.text() + " " + capitalFrequency + " times.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return capitalRelation.holds(countCapitalWords(response, text), capitalFrequency);
    }

    private static int countCapitalWords(String response, TextTools text) {
        int capitals = 0;
        for (String word : text.wordTokenize(response)) if (PyText.isUpper(word)) capitals++;
        return capitals;
    }

    public Map<String, Object> kwargs() {
        return Map.of("capital_frequency", capitalFrequency, "capital_relation", capitalRelation.text());
    }

    /** "At least" 1-8: a sentence of that many capital words; "less than" 1-5 above the final count (at least 2). */
    private static final class Sampling implements Sketch<CapitalWordFrequency> {
        private Relation relation;
        private int capitals;

        public void content(Draft d) {
            relation = d.relation();
            if (relation == Relation.LESS_THAN) return;
            capitals = d.between(1, 8);
            List<String> words = new ArrayList<>();
            for (int c = 0; c < capitals; c++) words.add(d.pick(CAPITAL_WORDS));
            d.addSentence("Keep these words in mind: " + String.join(" ", words) + ".");
        }

        public CapitalWordFrequency finish(Draft d) {
            if (relation == Relation.LESS_THAN) capitals = Math.max(2, countCapitalWords(d.witnessText(), d.text()) + d.between(1, 5));
            return new CapitalWordFrequency(capitals, relation);
        }
    }
}
