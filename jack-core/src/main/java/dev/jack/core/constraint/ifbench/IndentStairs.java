package dev.jack.core.constraint.ifbench;

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
 * format:line_indent — each line is indented by more leading spaces (tabs do not count) than the one
 * before. Blank lines are removed the reference's way, deleting from the list it is walking: the line
 * after each removed one is skipped, so of two consecutive blank lines one survives (indent 0).
 */
public record IndentStairs() implements Constraint {
    public static final String ID = "format:line_indent";

    public static final ConstraintType<IndentStairs> TYPE = ConstraintType.builder(ID, IndentStairs::parse)
            .example(new IndentStairs())
            .hardness(0.6)
            .phrasings("Create stairs by incrementally indenting each new line.",
                    "Indent every line of your answer one step further than the line before it, like stairs.",
                    "Each new line must be indented more than the previous one, forming a staircase.")
            .synthesis(999, () -> Sampling.INSTANCE)
            .build();

    private static IndentStairs parse(Kwargs k) {
        return new IndentStairs();
    }

    public ConstraintType<IndentStairs> type() { return TYPE; }

    public String description() {
        return "Create stairs by incrementally indenting each new line.";
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') i++;
        return i;
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> lines = new ArrayList<>(PyText.split(response, "\n"));
        // for line in lines: if blank, lines.remove(line) -- removes the first equal line, and the
        // iteration index moves on past the line that took its place.
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (PyText.isBlank(line)) lines.remove(line);
        }
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (indent(lines.get(i + 1)) <= indent(lines.get(i))) return false;
        }
        return true;
    }

    /**
     * Each line not indented more than the line the checker compares it with (its blank-line removal copied, quirk
     * and all), or, when it passes, the whole text.
     */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> ranges = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int from = 0; ; ) {
            int nl = response.indexOf('\n', from);
            int to = nl < 0 ? response.length() : nl;
            ranges.add(new int[] {from, to});
            lines.add(response.substring(from, to));
            if (nl < 0) break;
            from = nl + 1;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (!PyText.isBlank(lines.get(i))) continue;
            int first = lines.indexOf(lines.get(i));
            lines.remove(first);
            ranges.remove(first);
        }
        List<int[]> flat = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) if (indent(lines.get(i + 1)) <= indent(lines.get(i))) flat.add(ranges.get(i + 1));
        return Edits.failingOrWhole(response, flat, "not indented more than the line before", "each line indented more");
    }

    /** A line without indentation added at the end. */
    public List<Edit> breaks(String response, TextTools text) {
        int end = Edits.textEnd(response);
        String line = Edits.inCaseOf(response, "That is all.");
        return Edits.verified(List.of(new Edit("add_line", Edits.replace(response, end, end, "\n" + line))), r -> !isFollowedBy(r, text));
    }

    /** Blank lines dropped and each line indented by one more space than the one before. */
    public List<Edit> repairs(String response, TextTools text) {
        List<String> stairs = new ArrayList<>();
        for (String line : PyText.split(response, "\n")) {
            if (!PyText.isBlank(line)) stairs.add(" ".repeat(stairs.size()) + line.substring(indent(line)));
        }
        return Edits.verified(List.of(new Edit("indent_lines", String.join("\n", stairs))), r -> isFollowedBy(r, text));
    }

    /** Every non-blank line indented by one more space than the one before (the last wrapper, so it sees every line). */
    private enum Sampling implements Sketch<IndentStairs> {
        INSTANCE;

        public void content(Draft d) {
            d.witness().wrap(body -> {
                StringBuilder out = new StringBuilder(body.length() + 256);
                int step = 0;
                boolean first = true;
                for (String line : body.split("\n", -1)) {
                    if (!first) out.append('\n');
                    first = false;
                    if (!PyText.isBlank(line)) out.append(" ".repeat(step++)).append(line.stripLeading());
                }
                return out.toString();
            });
        }

        public IndentStairs finish(Draft d) {
            return new IndentStairs();
        }
    }
}
