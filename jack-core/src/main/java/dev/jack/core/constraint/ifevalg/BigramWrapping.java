package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/**
 * detectable_format:bigram_wrapping — each pair of whitespace words (1–2, 3–4, …) starts with "&lt;&lt;"
 * and ends with "&gt;&gt;"; a trailing odd word is never checked.
 */
public record BigramWrapping() implements Constraint {
    public static final String ID = "detectable_format:bigram_wrapping";

    public static final ConstraintType<BigramWrapping> TYPE = ConstraintType.builder(ID, BigramWrapping::parse)
            .example(new BigramWrapping())
            .alone("every pair of words is bracketed, which other constraints' words and markers would break")
            .hardness(0.55)
            .phrasings("Wrap every word bigram in double angular brackets, such as <<I am>> <<at home>> <<with my>> <<cute dog>>.",
                    "Group your words in pairs and wrap each pair in double angular brackets, like <<this is>> <<an example>>.",
                    "Every two consecutive words of your answer must be enclosed together in << and >>.")
            .synthesis(500, () -> Sampling.INSTANCE)
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

    /** Two to four pool sentences, their words in bracketed pairs (an odd last word bracketed alone). */
    private enum Sampling implements Sketch<BigramWrapping> {
        INSTANCE;

        public void content(Draft d) {
            List<String> words = new ArrayList<>();
            for (int i = d.between(2, 4); i > 0; i--) words.addAll(PyText.split(d.sentence()));
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < words.size(); i += 2) {
                pairs.add("<<" + String.join(" ", words.subList(i, Math.min(i + 2, words.size()))) + ">>");
            }
            d.witness().setText(String.join(" ", pairs));
        }

        public BigramWrapping finish(Draft d) {
            return new BigramWrapping();
        }
    }
}
