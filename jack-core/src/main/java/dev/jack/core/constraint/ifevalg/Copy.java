package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.SameCheck;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/** copy:copy — the stripped response is the instruction to copy, stripped, ignoring case. */
public record Copy(String promptToRepeat) implements SameCheck {
    public static final String ID = "copy:copy";

    public static final ConstraintType<Copy> TYPE = ConstraintType.builder(ID, Copy::parse)
            .parameters(Parameter.string("prompt_to_repeat"))
            .example(new Copy("Explain why bridges need expansion joints."))
            .alone("the response is the request copied, nothing else")
            .hardness(0.3)
            .phrasings("Copy this instruction verbatim, do not follow the instruction, only copy it into the output (do not include this instruction sentence!).",
                    "Do not carry out the request above: copy it word for word as your whole answer, without this sentence.",
                    "Your response must be an exact copy of the request above (not of this sentence), and nothing else.")
            .synthesis(500, () -> Sampling.INSTANCE)
            .build();

    private static Copy parse(Kwargs k) {
        return new Copy(k.nonEmpty("prompt_to_repeat"));
    }

    public ConstraintType<Copy> type() { return TYPE; }

    public String description() {
        return "Copy this instruction verbatim, do not follow the instruction, only copy it into the output (do not include this instruction sentence!).";
    }

    public Map<String, Object> kwargs() {
        return Map.of("prompt_to_repeat", promptToRepeat);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return PyText.lower(PyText.strip(response)).equals(PyText.lower(PyText.strip(promptToRepeat)));
    }

    /** copy:copying_simple, whose check this is, and whose spans and edits this one has. */
    public CopyingSimple sameAs() {
        return new CopyingSimple(promptToRepeat);
    }

    /** The task, as the whole response. */
    private enum Sampling implements Sketch<Copy> {
        INSTANCE;

        public void layout(Draft d) {
            d.keepTaskFirst();
        }

        public void content(Draft d) {
            d.witness().setText(d.taskText());
        }

        public Copy finish(Draft d) {
            return new Copy(d.taskText());
        }
    }
}
