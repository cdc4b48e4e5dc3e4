package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Witness;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;

/** detectable_format:title — a non-blank title in double angular brackets, {@code <<like this>>}, on one line. */
public record Title() implements Constraint {
    public static final String ID = "detectable_format:title";

    /** English titles for synthesized witnesses (in other languages a sentence is the title). */
    private static final List<String> TITLES = List.of("A Closer Look", "Notes and Thoughts", "The Main Idea", "Getting Started",
            "A Simple Plan", "What Matters Most", "Looking Ahead", "The Heart of It", "A Fresh Start", "Small Steps");

    public static final ConstraintType<Title> TYPE = ConstraintType.builder(ID, Title::parse)
            .example(new Title())
            .hardness(0.15)
            .phrasings("Your answer must contain a title, wrapped in double angular brackets, such as <<poem of joy>>.",
                    "Give your response a title in double angle brackets, like <<title>>.",
                    "Include a title wrapped in << and >>.")
            .synthesis(50, () -> Sampling.INSTANCE)
            .build();

    private static Title parse(Kwargs k) {
        return new Title();
    }

    public ConstraintType<Title> type() { return TYPE; }

    public String description() {
        return "Your answer must contain a title, wrapped in double angular brackets, such as <<poem of joy>>.";
    }

    /**
     * Whether {@code re.findall(r"<<[^\n]+>>", response)} has a match that is not blank once its angle brackets
     * are stripped. Hand-written because the regex backtracks over a whole line from every {@code <<} (quadratic on
     * {@code "<<" * 50000}): a line holds at most one match, from its first {@code <<} to its last {@code >>}, if
     * they leave at least one character between them (the greedy {@code [^\n]+} ends at the last {@code >>}, and the
     * search resumes after it, where no {@code >>} is left on the line). Each line is scanned once.
     */
    public boolean isFollowedBy(String response, TextTools text) {
        for (int open = response.indexOf("<<"); open >= 0; ) {
            int newline = response.indexOf('\n', open);
            int end = newline < 0 ? response.length() : newline;
            int close = end - 2;
            while (close >= open + 3 && !response.startsWith(">>", close)) close--;
            if (close >= open + 3 && !PyText.isBlank(PyText.rstrip(PyText.lstrip(response.substring(open, close + 2), "<"), ">"))) return true;
            if (newline < 0) break;
            open = response.indexOf("<<", newline + 1);
        }
        return false;
    }

    public Map<String, Object> kwargs() { return Map.of(); }

    /** A title line before the first block's text. */
    private enum Sampling implements Sketch<Title> {
        INSTANCE;

        public void layout(Draft d) {
            d.reserveFrontMatter();
        }

        public void content(Draft d) {
            String title = d.language().equals("en") ? d.pick(TITLES) : Witness.stripPeriod(d.sentence());
            d.witness().addFrontMatter("<<" + title + ">>");
        }

        public Title finish(Draft d) {
            return new Title();
        }
    }
}
