package dev.jack.core.constraint;

import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/** change_case:capital_word_frequency — less than / at least N all-capital words, tokenized like nltk.word_tokenize. */
public record CapitalWordFrequency(int capitalFrequency, Relation capitalRelation) implements Constraint {
    public static final String ID = "change_case:capital_word_frequency";

    static CapitalWordFrequency parse(Kwargs k) {
        return new CapitalWordFrequency(k.integer("capital_frequency", 0), k.relation("capital_relation"));
    }

    public String id() { return ID; }

    public String description() {
        return "In your response, words with all capital letters should appear " + capitalRelation.text() + " " + capitalFrequency + " times.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        int capitals = 0;
        for (String word : text.wordTokenize(response)) if (PyText.isUpper(word)) capitals++;
        return capitalRelation.holds(capitals, capitalFrequency);
    }

    public Map<String, Object> kwargs() {
        return Map.of("capital_frequency", capitalFrequency, "capital_relation", capitalRelation.text());
    }
}
