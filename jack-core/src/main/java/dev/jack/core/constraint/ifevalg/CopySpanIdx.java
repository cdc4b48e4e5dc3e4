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

/**
 * new:copy_span_idx — the stripped response is, ignoring case, the request's characters from n_start
 * up to but excluding n_end (code points), stripped; IFBench's repeat:repeat_span includes n_end.
 * The reference reads n_start = 0 as "not given" and draws a random start, so its verdicts for such
 * rows are random; Jack reads 0 as the first character, which is what the prompt's wording says.
 */
public record CopySpanIdx(String promptToRepeat, int nStart, int nEnd) implements SameCheck {
    public static final String ID = "new:copy_span_idx";

    public static final ConstraintType<CopySpanIdx> TYPE = ConstraintType.builder(ID, CopySpanIdx::parse)
            .parameters(Parameter.string("prompt_to_repeat"), Parameter.integer("n_start", 0), Parameter.integer("n_end", 1))
            .example(new CopySpanIdx("Write a short note to a neighbour about a lost cat.", 20, 28))
            .alone("the response is a span of the request, nothing else")
            .hardness(0.6)
            .phrasings("Copy the span of words that lies between (and including) index {n_start} and {n_end}, the indices are character indices!",
                    "From the request above, copy the characters from index {n_start} up to, but not including, index {n_end} (counting from 0), and nothing else.",
                    "Do not answer the request; output only its characters {n_start} to {n_end} (the end excluded).")
            .synthesis(500, Sampling::new)
            .build();

    private static CopySpanIdx parse(Kwargs k) {
        return new CopySpanIdx(k.nonEmpty("prompt_to_repeat"), k.integer("n_start", 0, " (Python's from-the-end indexes are not taken)"),
                k.integer("n_end", 1, Kwargs.RANDOM_IF_ZERO));
    }

    public ConstraintType<CopySpanIdx> type() { return TYPE; }

    public String description() {
        return "Copy the span of words that lies between (and including) index " + nStart + " and " + nEnd + ", the indices are character indices!";
    }

    public Map<String, Object> kwargs() {
        return Map.of("prompt_to_repeat", promptToRepeat, "n_start", nStart, "n_end", nEnd);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String span = PyText.slice(promptToRepeat, nStart, nEnd);
        return PyText.lower(PyText.strip(response)).equals(PyText.lower(PyText.strip(span)));
    }

    /** copy:copying_simple with the span as the request: the same check, whose spans and edits this one has. */
    public CopyingSimple sameAs() {
        return new CopyingSimple(PyText.slice(promptToRepeat, nStart, nEnd));
    }

    /**
     * A span of whole words of the task after its first word (the reference reads a start of 0 as "not given" and
     * draws one at random, so synthesized prompts avoid it), the end exclusive.
     */
    private static final class Sampling implements Sketch<CopySpanIdx> {
        private int start;
        private int end;

        public void layout(Draft d) {
            d.keepTaskFirst();
        }

        public void content(Draft d) {
            int[] span = d.taskSpan(1);
            if (span == null) return;
            start = span[0];
            end = span[1];
            d.witness().setText(PyText.slice(d.taskText(), start, end));
        }

        public CopySpanIdx finish(Draft d) {
            return end == 0 ? null : new CopySpanIdx(d.taskText(), start, end);
        }
    }
}
