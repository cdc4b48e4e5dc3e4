package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;
import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Map;

/** copy:copying_multiple — split at "******", exactly N pieces, each the request once stripped, ignoring case. */
public record CopyingMultiple(String promptToRepeat, int n) implements Checker {
    public static final String ID = "copy:copying_multiple";

    static CopyingMultiple parse(Args a) {
        return new CopyingMultiple(a.nonEmpty("prompt_to_repeat"), a.integer("N", 1, Args.RANDOM_IF_ZERO));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "Repeat the request without change " + n + " times, separated by 6 asterisk symbols (do not say anything before"
                + " repeating the request; the request you need to repeat does not include this sentence) and do not answer the actual request!";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("prompt_to_repeat", promptToRepeat, "N", n);
    }

    public boolean check(String response, Analyses text) {
        List<String> copies = PyText.split(response, "******");
        String expected = PyText.lower(PyText.strip(promptToRepeat));
        return copies.size() == n && copies.stream().allMatch(c -> PyText.lower(PyText.strip(c)).equals(expected));
    }
}
