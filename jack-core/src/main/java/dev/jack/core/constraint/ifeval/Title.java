package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.Witness;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** detectable_format:title — a non-blank title in double angular brackets, {@code <<like this>>}, on one line. */
public record Title() implements Constraint {
    public static final String ID = "detectable_format:title";
    private static final Pattern TITLE = PyRegex.compile("<<[^\\n]+>>");

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

    public boolean isFollowedBy(String response, TextTools text) {
        Matcher m = TITLE.matcher(response);
        while (m.find()) {
            if (!PyText.isBlank(PyText.rstrip(PyText.lstrip(m.group(), "<"), ">"))) return true;
        }
        return false;
    }

    /** Passed: the first title. Failed: empty titles ({@code <<>>} with only blanks), else nothing where one would go. */
    public List<Span> spans(String response, TextTools text) {
        List<Span> out = new ArrayList<>();
        Matcher m = TITLE.matcher(response);
        while (m.find()) {
            boolean blank = PyText.isBlank(PyText.rstrip(PyText.lstrip(m.group(), "<"), ">"));
            if (!blank) return List.of(new Span(m.start(), m.end(), "title"));
            out.add(new Span(m.start(), m.end(), "empty title"));
        }
        if (out.isEmpty()) out.add(Span.missing(PyText.stripStart(response), "no title in << >>"));
        return out;
    }

    /** Every title's double angular brackets removed. */
    public List<Edit> breaks(String response, TextTools text) {
        Matcher m = TITLE.matcher(response);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(PyText.rstrip(PyText.lstrip(m.group(), "<"), ">")));
        m.appendTail(out);
        return List.of(new Edit("remove_title_brackets", out.toString()));
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
