package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import dev.jack.core.text.PyText;

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
}
