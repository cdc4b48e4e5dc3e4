package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;
import dev.jack.core.text.PyText;

/** detectable_format:square_brackets — every whitespace word starts with '[' and ends with ']'. */
public record SquareBrackets() implements Checker {
    public static final String ID = "detectable_format:square_brackets";

    static SquareBrackets parse(Args a) {
        return new SquareBrackets();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "Enclose every word in your response within square brackets.";
    }

    public boolean check(String response, Analyses text) {
        return PyText.split(response).stream().allMatch(w -> w.startsWith("[") && w.endsWith("]"));
    }
}
