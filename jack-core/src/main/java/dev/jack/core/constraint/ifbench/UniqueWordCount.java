package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.constraint.Parameter;

import dev.jack.core.text.PyText;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * count:unique_word_count — at least N distinct lower-cased whitespace words, each stripped of ASCII
 * punctuation; a punctuation-only word strips to "" and counts as one more distinct word.
 */
public record UniqueWordCount(int n) implements Constraint {
    public static final String ID = "count:unique_word_count";

    public static final ConstraintType<UniqueWordCount> TYPE = ConstraintType.builder(ID, UniqueWordCount::parse)
            .parameters(Parameter.integer("N", 0))
            .example(new UniqueWordCount(36))
            .build();

    private static UniqueWordCount parse(Kwargs k) {
        return new UniqueWordCount(k.integer("N", 0, Kwargs.RANDOM_IF_NEGATIVE));
    }

    public ConstraintType<UniqueWordCount> type() { return TYPE; }



    public String description() {
        return "Use at least " + n + " unique words in the response.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("N", n);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        Set<String> unique = new HashSet<>();
        for (String w : PyText.split(PyText.lower(response))) unique.add(PyText.stripPunctuation(w));
        return unique.size() >= n;
    }
}
