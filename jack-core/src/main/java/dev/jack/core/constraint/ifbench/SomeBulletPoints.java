package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.text.TextAnalysis;

import dev.jack.core.text.PyText;

import java.util.List;

/**
 * format:no_bullets_bullets — lines of text holding at least two Punkt sentences, then at least two
 * lines starting (after stripping) with '*', and nothing after them: any later non-bullet line fails,
 * including the empty line after a trailing newline. The reference reuses its "still in the text"
 * flag for the last line's sentence list, so a text line that follows a blank one also fails.
 */
public record SomeBulletPoints() implements Constraint {
    public static final String ID = "format:no_bullets_bullets";

    public static final ConstraintType<SomeBulletPoints> TYPE = ConstraintType.builder(ID, SomeBulletPoints::parse)
            .example(new SomeBulletPoints())
            .analyses(TextAnalysis.SENTENCES)
            .build();

    private static SomeBulletPoints parse(Kwargs k) {
        return new SomeBulletPoints();
    }

    public ConstraintType<SomeBulletPoints> type() { return TYPE; }



    public String description() {
        return "Your answer must contain at least two sentences ending in a period followed by at least two bullet points denoted by *.";
    }


    public boolean isFollowedBy(String response, TextTools text) {
        boolean inText = true;
        int sentences = 0;
        int bullets = 0;
        for (String line : PyText.split(response, "\n")) {
            String stripped = PyText.strip(line);
            if (stripped.startsWith("*")) {
                inText = false;
                if (sentences < 2) return false;
                bullets++;
            } else if (inText) {
                List<String> found = text.sentences(stripped);
                sentences += found.size();
                inText = !found.isEmpty();
            } else {
                return false;
            }
        }
        return bullets >= 2;
    }
}
