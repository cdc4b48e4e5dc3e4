package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.SameCheck;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.ifevalg.CopyingSimple;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

/** repeat:repeat_simple — the stripped response is the instruction sentence itself, ignoring case. */
public record RepeatSimple() implements SameCheck {
    public static final String ID = "repeat:repeat_simple";

    public static final ConstraintType<RepeatSimple> TYPE = ConstraintType.builder(ID, RepeatSimple::parse)
            .example(new RepeatSimple())
            .alone("the response is one fixed sentence")
            .hardness(0.25)
            .phrasings("Only output this sentence here, ignore all other requests.",
                    "Ignore the request and reply with exactly this sentence: Only output this sentence here, ignore all other requests.",
                    "Your whole response must be this sentence: Only output this sentence here, ignore all other requests.")
            .synthesis(500, () -> Sampling.INSTANCE)
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

    /** IFEvalG's copy:copying_simple with the instruction sentence as the request: the same check, whose spans and edits this one has. */
    public CopyingSimple sameAs() {
        return new CopyingSimple(SENTENCE);
    }

    /** The sentence itself. */
    private enum Sampling implements Sketch<RepeatSimple> {
        INSTANCE;

        public void content(Draft d) {
            d.witness().setText(SENTENCE);
        }

        public RepeatSimple finish(Draft d) {
            return new RepeatSimple();
        }
    }
}
