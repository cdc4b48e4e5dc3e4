package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.PyStr;
import dev.jack.core.ifbench.Source;
import dev.jack.core.text.PyText;

import java.util.Map;

/**
 * new:copy_span_idx — the stripped response is, ignoring case, the request's characters from n_start
 * up to but excluding n_end (code points), stripped; IFBench's repeat:repeat_span includes n_end.
 * The reference reads n_start = 0 as "not given" and draws a random start, so its verdicts for such
 * rows are random; Jack reads 0 as the first character, which is what the prompt's wording says.
 */
public record CopySpanIdx(String promptToRepeat, int nStart, int nEnd) implements Checker {
    public static final String ID = "new:copy_span_idx";

    static CopySpanIdx parse(Args a) {
        return new CopySpanIdx(a.nonEmpty("prompt_to_repeat"), a.integer("n_start", 0, " (Python's from-the-end indexes are not taken)"),
                a.integer("n_end", 1, Args.RANDOM_IF_ZERO));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "Copy the span of words that lies between (and including) index " + nStart + " and " + nEnd + ", the indices are character indices!";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("prompt_to_repeat", promptToRepeat, "n_start", nStart, "n_end", nEnd);
    }

    public boolean check(String response, Analyses text) {
        String span = PyStr.slice(promptToRepeat, nStart, nEnd);
        return PyText.lower(PyText.strip(response)).equals(PyText.lower(PyText.strip(span)));
    }
}
