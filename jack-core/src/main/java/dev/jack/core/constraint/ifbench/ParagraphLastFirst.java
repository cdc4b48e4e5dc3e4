package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import dev.jack.core.text.PyText;

import java.util.List;

/**
 * words:paragraph_last_first — every non-blank line, lower-cased and stripped of ASCII punctuation and
 * spaces at both ends, starts and ends with the same whitespace word.
 */
public record ParagraphLastFirst() implements Constraint {
    public static final String ID = "words:paragraph_last_first";

    public static final ConstraintType<ParagraphLastFirst> TYPE = ConstraintType.builder(ID, ParagraphLastFirst::parse)
            .example(new ParagraphLastFirst())
            .build();

    private static ParagraphLastFirst parse(Kwargs k) {
        return new ParagraphLastFirst();
    }

    public ConstraintType<ParagraphLastFirst> type() { return TYPE; }



    public String description() {
        return "Each paragraph must end with the same word it started with, separate paragraphs with a newline.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        for (String line : PyText.split(response, "\n")) {
            String paragraph = PyText.lower(PyText.strip(line));
            if (paragraph.isEmpty()) continue;
            List<String> words = PyText.split(PyText.stripPunctuation(paragraph));
            if (!words.isEmpty() && !words.getFirst().equals(words.getLast())) return false;
        }
        return true;
    }
}
