package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import dev.jack.core.text.PyText;

import java.util.List;

/**
 * words:alphabet — after ASCII punctuation is deleted, each whitespace word starts with the letter
 * after the previous word's (looping from z to a), compared lower-cased; the first word must start
 * with an ASCII letter.
 */
public record AlphabetLoop() implements Constraint {
    public static final String ID = "words:alphabet";

    public static final ConstraintType<AlphabetLoop> TYPE = ConstraintType.builder(ID, AlphabetLoop::parse)
            .example(new AlphabetLoop())
            .build();

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";

    private static AlphabetLoop parse(Kwargs k) {
        return new AlphabetLoop();
    }

    public ConstraintType<AlphabetLoop> type() { return TYPE; }



    public String description() {
        return "Each word must start with the next letter of the alphabet, looping back to 'A' after 'Z'.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String value = PyText.removePunctuation(response);
        List<String> words = PyText.split(PyText.stripPunctuation(value));
        if (words.isEmpty()) return false;
        // "letter not in alphabet" is a substring test on the lower-cased first character.
        String letter = PyText.lower(PyText.first(words.getFirst()));
        if (!ALPHABET.contains(letter)) return false;
        int at = ALPHABET.indexOf(letter);
        for (String w : words.subList(1, words.size())) {
            String word = PyText.lower(PyText.stripPunctuation(w));
            if (word.isEmpty()) continue;
            at = (at + 1) % 26;
            if (word.codePointAt(0) != ALPHABET.charAt(at)) return false;
        }
        return true;
    }
}
