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

import java.util.List;
import java.util.Map;

/** copy:copying_simple — the stripped response is the request, stripped, ignoring case. */
public record CopyingSimple(String promptToRepeat) implements Constraint {
    public static final String ID = "copy:copying_simple";

    public static final ConstraintType<CopyingSimple> TYPE = ConstraintType.builder(ID, CopyingSimple::parse)
            .parameters(Parameter.string("prompt_to_repeat"))
            .example(new CopyingSimple("Explain the rules of a simple card game you invent."))
            .alone("the response is the request repeated, nothing else")
            .hardness(0.3)
            .phrasings("Repeat the request without change (do not say anything before repeating the request; the request you need to repeat does not include this sentence) and do not answer the actual request!",
                    "Do not answer the request above; repeat it exactly, with nothing before or after it.",
                    "Repeat the request above word for word (not this sentence) and do not answer it.")
            .synthesis(500, () -> Sampling.INSTANCE)
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

    /** The copy, or where the response departs from the request. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.copySpans(response, promptToRepeat);
    }

    /** A sentence added after the copy. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(List.of(new Edit("add_sentence", Edits.appended(response, Edits.fillers(response, 1).getFirst()))), r -> !isFollowedBy(r, text));
    }

    /** The request itself, stripped. */
    public List<Edit> repairs(String response, TextTools text) {
        return Edits.verified(List.of(new Edit("replace_with_copy", PyText.strip(promptToRepeat))), r -> isFollowedBy(r, text));
    }

    /** The task, as the whole response. */
    private enum Sampling implements Sketch<CopyingSimple> {
        INSTANCE;

        public void layout(Draft d) {
            d.keepTaskFirst();
        }

        public void content(Draft d) {
            d.witness().setText(d.taskText());
        }

        public CopyingSimple finish(Draft d) {
            return new CopyingSimple(d.taskText());
        }
    }
}
