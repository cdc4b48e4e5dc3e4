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

/** detectable_format:square_brackets — every whitespace word starts with '[' and ends with ']'. */
public record SquareBrackets() implements Constraint {
    public static final String ID = "detectable_format:square_brackets";

    public static final ConstraintType<SquareBrackets> TYPE = ConstraintType.builder(ID, SquareBrackets::parse)
            .example(new SquareBrackets())
            .alone("every word is bracketed, which other constraints' words and markers would break")
            .hardness(0.5)
            .phrasings("Enclose every word in your response within square brackets.",
                    "Put each word of your answer inside square brackets, like [this].",
                    "Every single word you write must be wrapped in [square brackets].")
            .synthesis(500, () -> Sampling.INSTANCE)
            .build();

    private static SquareBrackets parse(Kwargs k) {
        return new SquareBrackets();
    }

    public ConstraintType<SquareBrackets> type() { return TYPE; }

    public String description() {
        return "Enclose every word in your response within square brackets.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return PyText.split(response).stream().allMatch(w -> w.startsWith("[") && w.endsWith("]"));
    }

    /** Two to four pool sentences, every word in brackets. */
    private enum Sampling implements Sketch<SquareBrackets> {
        INSTANCE;

        public void content(Draft d) {
            List<String> words = new ArrayList<>();
            for (int i = d.between(2, 4); i > 0; i--) for (String w : PyText.split(d.sentence())) words.add("[" + w + "]");
            d.witness().setText(String.join(" ", words));
        }

        public SquareBrackets finish(Draft d) {
            return new SquareBrackets();
        }
    }
}
