package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.constraint.Parameter;

import dev.jack.core.text.PyText;

import java.util.Map;

/** copy:copying_simple — the stripped response is the request, stripped, ignoring case. */
public record CopyingSimple(String promptToRepeat) implements Constraint {
    public static final String ID = "copy:copying_simple";

    public static final ConstraintType<CopyingSimple> TYPE = ConstraintType.builder(ID, CopyingSimple::parse)
            .parameters(Parameter.string("prompt_to_repeat"))
            .example(new CopyingSimple("Explain the rules of a simple card game you invent."))
            .build();

    private static CopyingSimple parse(Kwargs k) {
        return new CopyingSimple(k.nonEmpty("prompt_to_repeat"));
    }

    public ConstraintType<CopyingSimple> type() { return TYPE; }



    public String description() {
        return "Repeat the request without change (do not say anything before repeating the request; the request you need"
                + " to repeat does not include this sentence) and do not answer the actual request!";
    }

    public Map<String, Object> kwargs() {
        return Map.of("prompt_to_repeat", promptToRepeat);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return PyText.lower(PyText.strip(response)).equals(PyText.lower(PyText.strip(promptToRepeat)));
    }
}
