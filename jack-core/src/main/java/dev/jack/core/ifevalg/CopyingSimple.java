package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;
import dev.jack.core.text.PyText;

import java.util.Map;

/** copy:copying_simple — the stripped response is the request, stripped, ignoring case. */
public record CopyingSimple(String promptToRepeat) implements Checker {
    public static final String ID = "copy:copying_simple";

    static CopyingSimple parse(Args a) {
        return new CopyingSimple(a.nonEmpty("prompt_to_repeat"));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "Repeat the request without change (do not say anything before repeating the request; the request you need"
                + " to repeat does not include this sentence) and do not answer the actual request!";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("prompt_to_repeat", promptToRepeat);
    }

    public boolean check(String response, Analyses text) {
        return PyText.lower(PyText.strip(response)).equals(PyText.lower(PyText.strip(promptToRepeat)));
    }
}
