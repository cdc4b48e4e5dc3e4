package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/**
 * length_constraints:number_paragraphs — exactly N paragraphs separated by {@code ***}. An empty
 * paragraph is tolerated only first or last; one in the middle fails the check.
 */
public record NumberOfParagraphs(int numParagraphs) implements Constraint {
    public static final String ID = "length_constraints:number_paragraphs";

    public static final ConstraintType<NumberOfParagraphs> TYPE = ConstraintType.builder(ID, NumberOfParagraphs::parse)
            .parameters(Parameter.integer("num_paragraphs", 0))
            .example(new NumberOfParagraphs(3))
            .conflict(NthParagraphFirstWord.ID, "the two define paragraphs differently (*** versus blank lines)")
            .hardness(0.5)
            .phrasings("There should be {num_paragraphs} {paragraphs}, separated with the markdown divider (***).",
                    "Write exactly {num_paragraphs} {paragraphs} and put *** between paragraphs.",
                    "Your answer must have {num_paragraphs} {paragraphs}; use *** as the divider between them.")
            .synthesis(60, Sampling::new)
            .build();

    private static NumberOfParagraphs parse(Kwargs k) {
        return new NumberOfParagraphs(k.integer("num_paragraphs", 0));
    }

    public ConstraintType<NumberOfParagraphs> type() { return TYPE; }

    public String description() {
        return "There should be " + numParagraphs + " paragraphs. Paragraphs are separated with the markdown divider: ***";
    }

    /** Splits like {@code re.split(r"\s?\*\*\*\s?", response)} and counts the non-blank pieces. */
    public boolean isFollowedBy(String response, TextTools text) {
        int count = 0;
        int from = 0;
        for (int index = 0; ; index++) {
            int[] divider = nextDivider(response, from);
            int end = divider == null ? response.length() : divider[0];
            if (PyText.isBlank(response.substring(from, end))) {
                if (index > 0 && divider != null) return false;
            } else {
                count++;
            }
            if (divider == null) return count == numParagraphs;
            from = divider[1];
        }
    }

    /**
     * The leftmost match of {@code \s?\*\*\*\s?} at or after {@code from}, as {start, end}, or null.
     * A match starts at a whitespace character directly before "***", else at the "***" itself.
     */
    static int[] nextDivider(String s, int from) {
        int stars = s.indexOf("***", from);
        if (stars < 0) return null;
        int start = stars > from && PyText.isSpace(s.charAt(stars - 1)) ? stars - 1 : stars;
        int end = stars + 3;
        if (end < s.length() && PyText.isSpace(s.charAt(end))) end++;
        return new int[] {start, end};
    }

    public Map<String, Object> kwargs() { return Map.of("num_paragraphs", numParagraphs); }

    /** 1-5 blocks, joined by *** dividers. */
    private static final class Sampling implements Sketch<NumberOfParagraphs> {
        private int paragraphs;

        public void layout(Draft d) {
            paragraphs = d.between(1, 5);
            d.setBlockCount(paragraphs);
        }

        public void content(Draft d) {
            d.witness().setBlockSeparator("\n\n***\n\n");
        }

        public NumberOfParagraphs finish(Draft d) {
            return new NumberOfParagraphs(paragraphs);
        }
    }
}
