package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** copy:copy — the stripped response is the instruction to copy, stripped, ignoring case. */
public record Copy(String promptToRepeat) implements Constraint {
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

    /** As copy:copying_simple, whose check this is. */
    public List<Span> spans(String response, TextTools text) {
        return new CopyingSimple(promptToRepeat).spans(response, text);
    }

    /** As copy:copying_simple. */
    public List<Edit> breaks(String response, TextTools text) {
        return new CopyingSimple(promptToRepeat).breaks(response, text);
    }

    /** As copy:copying_simple. */
    public List<Edit> repairs(String response, TextTools text) {
        return new CopyingSimple(promptToRepeat).repairs(response, text);
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
