package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.constraint.Parameter;

import dev.jack.core.text.PyText;

import java.util.Map;

/**
 * repeat:repeat_span — the stripped response is, ignoring case, the request's characters n_start to
 * n_end inclusive (code points), stripped. IFEvalG's new:copy_span_idx is end-exclusive.
 */
public record RepeatSpan(String promptToRepeat, int nStart, int nEnd) implements Constraint {
    public static final String ID = "repeat:repeat_span";

    public static final ConstraintType<RepeatSpan> TYPE = ConstraintType.builder(ID, RepeatSpan::parse)
            .parameters(Parameter.string("prompt_to_repeat"), Parameter.integer("n_start", 0), Parameter.integer("n_end", 0))
            .example(new RepeatSpan("explain the context, code and theory behind the paper Identifying Candidate Spaces for Advert Implantation.", 3, 6))
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
}
