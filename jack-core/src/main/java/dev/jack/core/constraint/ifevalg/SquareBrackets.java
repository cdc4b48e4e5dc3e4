package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
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

    /** Failed: each word not in square brackets; passed: the whole text. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.failingOrWhole(response, bare(response), "word not in square brackets", "every word in square brackets");
    }

    /** The whitespace words not wrapped in square brackets. */
    private static List<int[]> bare(String response) {
        return Edits.whitespaceWords(response).stream().filter(w -> response.charAt(w[0]) != '[' || response.charAt(w[1] - 1) != ']').toList();
    }

    /** The last word's brackets removed, or a bare word added. */
    public List<Edit> breaks(String response, TextTools text) {
        List<int[]> words = Edits.whitespaceWords(response);
        List<Edit> out = new ArrayList<>(2);
        if (!words.isEmpty() && words.getLast()[1] - words.getLast()[0] > 2) {
            int[] w = words.getLast();
            out.add(new Edit("unwrap_word", Edits.replace(response, w[0], w[1], response.substring(w[0] + 1, w[1] - 1))));
        }
        out.add(Edits.appending("add_word", response, "done"));
        return Edits.verified(out, r -> !isFollowedBy(r, text));
    }

    /** Every bare word wrapped: "[" put before it and "]" after it where missing. */
    public List<Edit> repairs(String response, TextTools text) {
        List<int[]> words = bare(response);
        // Built in one forward pass (inserting into the response would cost its length per word).
        StringBuilder edited = new StringBuilder(response.length() + 2 * words.size());
        int copied = 0;
        for (int[] w : words) {
            edited.append(response, copied, w[0]);
            if (response.charAt(w[0]) != '[') edited.append('[');
            edited.append(response, w[0], w[1]);
            if (response.charAt(w[1] - 1) != ']') edited.append(']');
            copied = w[1];
        }
        edited.append(response, copied, response.length());
        return Edits.verified(List.of(new Edit("wrap_words", edited.toString())), r -> isFollowedBy(r, text));
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
