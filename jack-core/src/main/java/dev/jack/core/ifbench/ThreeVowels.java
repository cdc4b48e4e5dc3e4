package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

/** words:vowel — one line (after stripping) using at most three of the lower-cased vowels a, e, i, o, u. */
public record ThreeVowels() implements Checker {
    public static final String ID = "words:vowel";

    static ThreeVowels parse(Args a) {
        return new ThreeVowels();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Write a paragraph using words that contain only three types of vowels.";
    }

    public boolean check(String response, Analyses text) {
        String paragraph = PyText.strip(response);
        if (paragraph.indexOf('\n') >= 0) return false;
        String lower = PyText.lower(paragraph);
        int used = 0;
        for (char v : "aeiou".toCharArray()) if (lower.indexOf(v) >= 0) used++;
        return used <= 3;
    }
}
