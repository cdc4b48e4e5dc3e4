package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.Witness;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
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

    /** Whether {@code re.findall(r"<<[^\n]+>>", response)} has a match that is not blank once its angle brackets are stripped. */
    public boolean isFollowedBy(String response, TextTools text) {
        for (int[] t : titles(response)) if (!isBlank(response, t)) return true;
        return false;
    }

    /**
     * The matches of {@code re.finditer(r"<<[^\n]+>>", response)} as {start, end}. Hand-written because the regex
     * backtracks over a whole line from every {@code <<} (quadratic on {@code "<<" * 50000}): a line holds at most one
     * match, from its first {@code <<} to its last {@code >>}, if they leave at least one character between them (the
     * greedy {@code [^\n]+} ends at the last {@code >>}, and the search resumes after it, where no {@code >>} is left
     * on the line). Each line is scanned once.
     */
    private static List<int[]> titles(String response) {
        List<int[]> found = new ArrayList<>();
        for (int open = response.indexOf("<<"); open >= 0; ) {
            int newline = response.indexOf('\n', open);
            int end = newline < 0 ? response.length() : newline;
            int close = end - 2;
            while (close >= open + 3 && !response.startsWith(">>", close)) close--;
            if (close >= open + 3) found.add(new int[] {open, close + 2});
            if (newline < 0) break;
            open = response.indexOf("<<", newline + 1);
        }
        return found;
    }

    /** The title without its angle brackets, as the reference strips them. */
    private static String inner(String response, int[] title) {
        return PyText.rstrip(PyText.lstrip(response.substring(title[0], title[1]), "<"), ">");
    }

    private static boolean isBlank(String response, int[] title) {
        return PyText.isBlank(inner(response, title));
    }

    /** Passed: the first title. Failed: empty titles ({@code <<>>} with only blanks), else nothing where one would go. */
    public List<Span> spans(String response, TextTools text) {
        List<Span> out = new ArrayList<>();
        for (int[] t : titles(response)) {
            if (!isBlank(response, t)) return List.of(new Span(t[0], t[1], "title"));
            out.add(new Span(t[0], t[1], "empty title"));
        }
        if (out.isEmpty()) out.add(Span.missing(PyText.stripStart(response), "no title in << >>"));
        return out;
    }

    /** Every title's double angular brackets removed. */
    public List<Edit> breaks(String response, TextTools text) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int[] t : titles(response)) {
            out.append(response, from, t[0]).append(inner(response, t));
            from = t[1];
        }
        return List.of(new Edit("remove_title_brackets", out.append(response, from, response.length()).toString()));
    }

    /**
     * A first line that reads as a title (at most 12 words, no sentence end; a markdown heading or bold line) put in
     * double angular brackets.
     */
    public List<Edit> repairs(String response, TextTools text) {
        int start = PyText.stripStart(response);
        int nl = response.indexOf('\n', start);
        int end = nl < 0 ? response.length() : nl;
        String line = PyText.strip(response.substring(start, end));
        String title = PyText.strip(PyText.strip(PyText.lstrip(line, "#"), "*"));
        if (title.isEmpty() || PyText.split(title).size() > 12 || ".!?:".indexOf(title.charAt(title.length() - 1)) >= 0 || title.contains("<<")) return List.of();
        return List.of(new Edit("wrap_title", response.substring(0, start) + "<<" + title + ">>" + response.substring(end)));
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
