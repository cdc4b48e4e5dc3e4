package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.Collections;
import java.util.List;

/**
 * custom:word_reverse — the lower-cased response with ASCII punctuation deleted, its words reversed,
 * contains "bald eagle" and is exactly one Punkt sentence.
 */
public record WordReverseOrder() implements Constraint {
    public static final String ID = "custom:word_reverse";

    public static final ConstraintType<WordReverseOrder> TYPE = ConstraintType.builder(ID, WordReverseOrder::parse)
            .example(new WordReverseOrder())
            .analyses(TextAnalysis.SENTENCES)
            .build();

    /** The reference's build_description takes and ignores any kwargs. */
    private static WordReverseOrder parse(Kwargs k) {
        k.ignoreOthers();
        return new WordReverseOrder();
    }

    public ConstraintType<WordReverseOrder> type() { return TYPE; }

    public String description() {
        return "What animal is the national symbol of the US? Respond to this query, but make your sentence in reverse order of what it should be, per word.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> words = PyText.split(PyText.removePunctuation(PyText.strip(PyText.lower(response))));
        Collections.reverse(words);
        String value = String.join(" ", words);
        return value.contains("bald eagle") && text.sentences(value).contains(value);
    }
}
