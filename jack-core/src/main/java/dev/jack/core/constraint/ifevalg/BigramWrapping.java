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
        List<String> words = PyText.words(response);
        for (int i = 0; i + 1 < words.size(); i += 2) {
            if (!words.get(i).startsWith("<<") || !words.get(i + 1).endsWith(">>")) return false;
        }
        return true;
    }

    /** Failed: each pair not wrapped in << and >>; passed: the whole text. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.failingOrWhole(response, bare(response), "pair not wrapped in << and >>", "every pair wrapped in << and >>");
    }

    /** The pairs of whitespace words (1-2, 3-4, ...) whose first does not start with "<<" or whose second does not end with ">>", each as one range. */
    private static List<int[]> bare(String response) {
        List<int[]> words = Edits.whitespaceWords(response);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i + 1 < words.size(); i += 2) {
            if (!response.startsWith("<<", words.get(i)[0]) || !response.startsWith(">>", words.get(i + 1)[1] - 2)) {
                out.add(new int[] {words.get(i)[0], words.get(i + 1)[1]});
            }
        }
        return out;
    }

    /** The first pair's "<<" removed, or an unwrapped pair added. */
    public List<Edit> breaks(String response, TextTools text) {
        List<int[]> words = Edits.whitespaceWords(response);
        List<Edit> out = new ArrayList<>(2);
        if (words.size() > 1 && response.startsWith("<<", words.getFirst()[0])) {
            out.add(new Edit("unwrap_pair", Edits.replace(response, words.getFirst()[0], words.getFirst()[0] + 2, "")));
        }
        out.add(Edits.appending("add_pair", response, "all done"));
        return Edits.verified(out, r -> !isFollowedBy(r, text));
    }

    /** Every pair wrapped: "<<" put before its first word and ">>" after its second where missing. */
    public List<Edit> repairs(String response, TextTools text) {
        List<int[]> words = Edits.whitespaceWords(response);
        // Built in one forward pass (inserting into the response would cost its length per pair).
        StringBuilder edited = new StringBuilder(response.length() + 2 * words.size());
        int copied = 0;
        for (int i = 0; i + 1 < words.size(); i += 2) {
            int first = words.get(i)[0];
            int end = words.get(i + 1)[1];
            if (!response.startsWith("<<", first)) {
                edited.append(response, copied, first).append("<<");
                copied = first;
            }
            if (!response.startsWith(">>", end - 2)) {
                edited.append(response, copied, end).append(">>");
                copied = end;
            }
        }
        edited.append(response, copied, response.length());
        return Edits.verified(List.of(new Edit("wrap_pairs", edited.toString())), r -> isFollowedBy(r, text));
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
