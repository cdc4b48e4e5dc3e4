package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Vocabulary;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/**
 * words:paragraph_last_first — every non-blank line, lower-cased and stripped of ASCII punctuation and
 * spaces at both ends, starts and ends with the same whitespace word.
 */
public record ParagraphLastFirst() implements Constraint {
    public static final String ID = "words:paragraph_last_first";

    public static final ConstraintType<ParagraphLastFirst> TYPE = ConstraintType.builder(ID, ParagraphLastFirst::parse)
            .example(new ParagraphLastFirst())
            .alone("each line's first and last words are fixed, which other constraints' lines and phrases would break")
            .hardness(0.7)
            .phrasings("Each paragraph must end with the same word it started with, separate paragraphs with a newline.",
                    "Write paragraphs separated by newlines, each ending with the word it began with.",
                    "Every paragraph (one per line) must start and end with the same word.")
            .synthesis(500, () -> Sampling.INSTANCE)
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

    private static final List<String> MIDDLES = List.of(" paths lead back to the ", " is the place we call the ", " stays close to every other ");

    /** Two to five lines "Garden paths lead back to the garden." over distinct keywords. */
    private enum Sampling implements Sketch<ParagraphLastFirst> {
        INSTANCE;

        public void content(Draft d) {
            List<String> lines = new ArrayList<>();
            for (String word : d.pickDistinct(Vocabulary.KEYWORDS, d.between(2, 5))) {
                lines.add(Character.toUpperCase(word.charAt(0)) + word.substring(1) + d.pick(MIDDLES) + word + ".");
            }
            d.witness().setText(String.join("\n", lines));
        }

        public ParagraphLastFirst finish(Draft d) {
            return new ParagraphLastFirst();
        }
    }
}
