package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import dev.jack.core.text.PyText;

/** words:vowel — one line (after stripping) using at most three of the lower-cased vowels a, e, i, o, u. */
public record ThreeVowels() implements Constraint {
    public static final String ID = "words:vowel";

    public static final ConstraintType<ThreeVowels> TYPE = ConstraintType.builder(ID, ThreeVowels::parse)
            .example(new ThreeVowels())
            .build();

    private static ThreeVowels parse(Kwargs k) {
        return new ThreeVowels();
    }

    public ConstraintType<ThreeVowels> type() { return TYPE; }



    public String description() {
        return "Write a paragraph using words that contain only three types of vowels.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String paragraph = PyText.strip(response);
        if (paragraph.indexOf('\n') >= 0) return false;
        String lower = PyText.lower(paragraph);
        int used = 0;
        for (char v : "aeiou".toCharArray()) if (lower.indexOf(v) >= 0) used++;
        return used <= 3;
    }
}
