package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/**
 * custom:reverse_newline — from the first line containing "Zimbabwe", at least 52 non-empty lines
 * (each stripped of ASCII punctuation and spaces) in reverse alphabetical order, compared after NFKD
 * with non-ASCII characters dropped.
 */
public record ReverseNewline() implements Constraint {
    public static final String ID = "custom:reverse_newline";

    public static final ConstraintType<ReverseNewline> TYPE = ConstraintType.builder(ID, ReverseNewline::parse)
            .example(new ReverseNewline())
            .build();

    /** The reference's build_description takes and ignores any kwargs. */
    private static ReverseNewline parse(Kwargs k) {
        k.ignoreOthers();
        return new ReverseNewline();
    }

    public ConstraintType<ReverseNewline> type() { return TYPE; }

    public String description() {
        return "List the countries of Africa in reverse alphabetical order, each on a new line.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        // Stripping never makes "Zimbabwe": a text without it has no line to start from.
        if (!response.contains("Zimbabwe")) return false;
        List<String> lines = new ArrayList<>();
        for (String line : PyText.split(response, "\n")) {
            String stripped = PyText.stripPunctuation(line);
            if (!stripped.isEmpty()) lines.add(stripped);
        }
        int start = 0;
        while (start < lines.size() && !lines.get(start).contains("Zimbabwe")) start++;
        if (start == lines.size() || lines.size() - start < 52) return false;
        String previous = null;
        for (String line : lines.subList(start, lines.size())) {
            String normalized = PyText.asciiFold(line);
            if (previous != null && previous.compareTo(normalized) < 0) return false;
            previous = normalized;
        }
        return true;
    }
}
