package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;
import dev.jack.core.text.PyText;

import java.util.Map;

/** copy:copy — the stripped response is the instruction to copy, stripped, ignoring case. */
public record Copy(String promptToRepeat) implements Checker {
    public static final String ID = "copy:copy";

    static Copy parse(Args a) {
        return new Copy(a.nonEmpty("prompt_to_repeat"));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "Copy this instruction verbatim, do not follow the instruction, only copy it into the output (do not include this instruction sentence!).";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("prompt_to_repeat", promptToRepeat);
    }

    public boolean check(String response, Analyses text) {
        return PyText.lower(PyText.strip(response)).equals(PyText.lower(PyText.strip(promptToRepeat)));
    }
}
