package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

/** words:palindrome — at least 10 lower-cased whitespace words of 5+ characters (punctuation deleted) read the same reversed. */
public record Palindromes() implements Checker {
    public static final String ID = "words:palindrome";

    static Palindromes parse(Args a) {
        return new Palindromes();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Include at least 10 single-word palindromes, each at least 5 characters long.";
    }

    public boolean check(String response, Analyses text) {
        int found = 0;
        for (String w : PyText.split(PyText.lower(PyStr.removePunctuation(response)))) {
            if (PyStr.length(w) >= 5 && w.equals(PyStr.reverse(w))) found++;
        }
        return found >= 10;
    }
}
