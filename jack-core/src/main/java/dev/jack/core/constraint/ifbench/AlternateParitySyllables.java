package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.text.TextAnalysis;

import dev.jack.core.text.PyText;

import java.util.List;

/**
 * words:odd_even_syllables — the syllable counts (syllapy 0.7.2) of consecutive whitespace words, with
 * ASCII punctuation deleted and lower-cased, alternate between odd and even; words syllapy cannot count
 * (digits) count 0, which is even.
 */
public record AlternateParitySyllables() implements Constraint {
    public static final String ID = "words:odd_even_syllables";

    public static final ConstraintType<AlternateParitySyllables> TYPE = ConstraintType.builder(ID, AlternateParitySyllables::parse)
            .example(new AlternateParitySyllables())
            .analyses(TextAnalysis.SYLLABLES)
            .build();

    private static AlternateParitySyllables parse(Kwargs k) {
        return new AlternateParitySyllables();
    }

    public ConstraintType<AlternateParitySyllables> type() { return TYPE; }



    public String description() {
        return "Alternate between words with odd and even numbers of syllables.";
    }


    public boolean isFollowedBy(String response, TextTools text) {
        List<String> words = PyText.split(PyText.lower(PyText.removePunctuation(response)));
        for (int i = 0; i + 1 < words.size(); i++) {
            if (text.syllables(words.get(i)) % 2 == text.syllables(words.get(i + 1)) % 2) return false;
        }
        return true;
    }
}
