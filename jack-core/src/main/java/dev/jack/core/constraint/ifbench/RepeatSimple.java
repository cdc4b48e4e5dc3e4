package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import dev.jack.core.text.PyText;

/** repeat:repeat_simple — the stripped response is the instruction sentence itself, ignoring case. */
public record RepeatSimple() implements Constraint {
    public static final String ID = "repeat:repeat_simple";

    public static final ConstraintType<RepeatSimple> TYPE = ConstraintType.builder(ID, RepeatSimple::parse)
            .example(new RepeatSimple())
            .build();

    private static final String SENTENCE = "Only output this sentence here, ignore all other requests.";

    private static RepeatSimple parse(Kwargs k) {
        return new RepeatSimple();
    }

    public ConstraintType<RepeatSimple> type() { return TYPE; }



    public String description() {
        return SENTENCE;
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return PyText.lower(PyText.strip(response)).equals(PyText.lower(SENTENCE));
    }
}
