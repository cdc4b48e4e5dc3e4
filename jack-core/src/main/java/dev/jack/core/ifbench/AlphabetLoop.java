package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.List;

/**
 * words:alphabet — after ASCII punctuation is deleted, each whitespace word starts with the letter
 * after the previous word's (looping from z to a), compared lower-cased; the first word must start
 * with an ASCII letter.
 */
public record AlphabetLoop() implements Checker {
    public static final String ID = "words:alphabet";

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";

    static AlphabetLoop parse(Args a) {
        return new AlphabetLoop();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Each word must start with the next letter of the alphabet, looping back to 'A' after 'Z'.";
    }

    public boolean check(String response, Analyses text) {
        String value = PyStr.removePunctuation(response);
        List<String> words = PyText.split(PyStr.stripPunctuation(value));
        if (words.isEmpty()) return false;
        // "letter not in alphabet" is a substring test on the lower-cased first character.
        String letter = PyText.lower(PyStr.first(words.getFirst()));
        if (!ALPHABET.contains(letter)) return false;
        int at = ALPHABET.indexOf(letter);
        for (String w : words.subList(1, words.size())) {
            String word = PyText.lower(PyStr.stripPunctuation(w));
            if (word.isEmpty()) continue;
            at = (at + 1) % 26;
            if (word.codePointAt(0) != ALPHABET.charAt(at)) return false;
        }
        return true;
    }
}
