package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** combination:two_responses — exactly two different responses separated by {@code ******}. */
public record TwoResponses() implements Constraint {
    public static final String ID = "combination:two_responses";

    public static final ConstraintType<TwoResponses> TYPE = ConstraintType.builder(ID, TwoResponses::parse)
            .example(new TwoResponses())
            .conflict(NumberOfParagraphs.ID, "the ****** separator contains the *** paragraph divider")
            .conflict(NthParagraphFirstWord.ID, "paragraph positions are ambiguous across two responses")
            .hardness(0.45)
            .phrasings("Give two different responses. Responses and only responses should be separated by 6 asterisk symbols: ******.",
                    "Write two different versions, separated by a line of six asterisks (******).",
                    "Provide two distinct answers separated by ******.")
            .synthesis(80, () -> Sampling.INSTANCE)
            .build();

    private static TwoResponses parse(Kwargs k) {
        return new TwoResponses();
    }

    public ConstraintType<TwoResponses> type() { return TYPE; }

    public String description() {
        return "Give two different responses. Responses and only responses should be separated by 6 asterisk symbols: ******.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> parts = PyText.split(response, "******");
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (PyText.isBlank(parts.get(i))) {
                if (i != 0 && i != parts.size() - 1) return false;
            } else {
                valid.add(parts.get(i));
            }
        }
        return valid.size() == 2 && !PyText.strip(valid.get(0)).equals(PyText.strip(valid.get(1)));
    }

    public Map<String, Object> kwargs() { return Map.of(); }

    /** At least two blocks, rendered as two halves with ****** between them. */
    private enum Sampling implements Sketch<TwoResponses> {
        INSTANCE;

        public void layout(Draft d) {
            d.setBlockCount(Math.max(2, d.blockCount()));
        }

        public void content(Draft d) {
            d.witness().splitInTwo();
        }

        public TwoResponses finish(Draft d) {
            return new TwoResponses();
        }
    }
}
