package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.SameCheck;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.ifevalg.CopyingSimple;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/**
 * repeat:repeat_span — the stripped response is, ignoring case, the request's characters n_start to
 * n_end inclusive (code points), stripped. IFEvalG's new:copy_span_idx is end-exclusive.
 */
public record RepeatSpan(String promptToRepeat, int nStart, int nEnd) implements SameCheck {
    public static final String ID = "repeat:repeat_span";

    public static final ConstraintType<RepeatSpan> TYPE = ConstraintType.builder(ID, RepeatSpan::parse)
            .parameters(Parameter.string("prompt_to_repeat"), Parameter.integer("n_start", 0), Parameter.integer("n_end", 0))
            .example(new RepeatSpan("Write a short guide to planting tomatoes.", 6, 16))
            .alone("the response is a span of the request, nothing else")
            .hardness(0.6)
            .phrasings("Copy the span of words that lies between (and including) index {n_start} and {n_end}, the indices are character indices!",
                    "From the request above, copy the characters from index {n_start} to index {n_end} (both included, counting from 0) and nothing else.",
                    "Do not answer the request; output only its span from character {n_start} through character {n_end}.")
            .synthesis(500, Sampling::new)
            .build();

    private static RepeatSpan parse(Kwargs k) {
        return new RepeatSpan(k.nonEmpty("prompt_to_repeat"), k.integer("n_start", 0, " (Python's from-the-end indexes are not taken)"),
                k.integer("n_end", 0, " (Python's from-the-end indexes are not taken)"));
    }

    public ConstraintType<RepeatSpan> type() { return TYPE; }

    public String description() {
        return "Copy the span of words that lies between (and including) index " + nStart + " and " + nEnd + ", the indices are character indices!";
    }

    public Map<String, Object> kwargs() {
        return Map.of("prompt_to_repeat", promptToRepeat, "n_start", nStart, "n_end", nEnd);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String span = PyText.slice(promptToRepeat, nStart, nEnd + 1);
        return PyText.lower(PyText.strip(response)).equals(PyText.lower(PyText.strip(span)));
    }

    /** IFEvalG's copy:copying_simple with the span, n_end included, as the request: the same check, whose spans and edits this one has. */
    public CopyingSimple sameAs() {
        return new CopyingSimple(PyText.slice(promptToRepeat, nStart, nEnd + 1));
    }

    /** A span of two to four whole words of the task (fewer at its end), its indexes inclusive. */
    private static final class Sampling implements Sketch<RepeatSpan> {
        private int start;
        private int end;

        public void layout(Draft d) {
            d.keepTaskFirst();
        }

        public void content(Draft d) {
            int[] span = d.taskSpan(0);
            start = span[0];
            end = span[1] - 1;
            d.witness().setText(PyText.slice(d.taskText(), start, end + 1));
        }

        public RepeatSpan finish(Draft d) {
            return new RepeatSpan(d.taskText(), start, end);
        }
    }
}
