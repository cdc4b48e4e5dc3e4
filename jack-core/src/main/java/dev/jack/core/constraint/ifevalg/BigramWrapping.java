package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import dev.jack.core.text.PyText;

import java.util.List;

/**
 * detectable_format:bigram_wrapping — each pair of whitespace words (1–2, 3–4, …) starts with "&lt;&lt;"
 * and ends with "&gt;&gt;"; a trailing odd word is never checked.
 */
public record BigramWrapping() implements Constraint {
    public static final String ID = "detectable_format:bigram_wrapping";

    public static final ConstraintType<BigramWrapping> TYPE = ConstraintType.builder(ID, BigramWrapping::parse)
            .example(new BigramWrapping())
            .build();

    private static BigramWrapping parse(Kwargs k) {
        return new BigramWrapping();
    }

    public ConstraintType<BigramWrapping> type() { return TYPE; }



    public String description() {
        return "Wrap every word bigram in double angular brackets, such as <<I am>> <<at home>> <<with my>> <<cute dog>>.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> words = PyText.split(response);
        for (int i = 0; i + 1 < words.size(); i += 2) {
            if (!words.get(i).startsWith("<<") || !words.get(i + 1).endsWith(">>")) return false;
        }
        return true;
    }
}
