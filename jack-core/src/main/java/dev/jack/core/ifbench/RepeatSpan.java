package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.Map;

/**
 * repeat:repeat_span — the stripped response is, ignoring case, the request's characters n_start to
 * n_end inclusive (code points), stripped. IFEvalG's new:copy_span_idx is end-exclusive.
 */
public record RepeatSpan(String promptToRepeat, int nStart, int nEnd) implements Checker {
    public static final String ID = "repeat:repeat_span";

    static RepeatSpan parse(Args a) {
        return new RepeatSpan(a.nonEmpty("prompt_to_repeat"), a.integer("n_start", 0, " (Python's from-the-end indexes are not taken)"),
                a.integer("n_end", 0, " (Python's from-the-end indexes are not taken)"));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Copy the span of words that lies between (and including) index " + nStart + " and " + nEnd + ", the indices are character indices!";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("prompt_to_repeat", promptToRepeat, "n_start", nStart, "n_end", nEnd);
    }

    public boolean check(String response, Analyses text) {
        String span = PyStr.slice(promptToRepeat, nStart, nEnd + 1);
        return PyText.lower(PyText.strip(response)).equals(PyText.lower(PyText.strip(span)));
    }
}
