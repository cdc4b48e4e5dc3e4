package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;

/** punctuation:punctuation_exclamation — no '!' anywhere. */
public record NoExclamationMarks() implements Checker {
    public static final String ID = "punctuation:punctuation_exclamation";

    static NoExclamationMarks parse(Args a) {
        return new NoExclamationMarks();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "In your entire response, refrain from the use of ! (i.e. exclamation marks) as punctuation and in general.";
    }

    public boolean check(String response, Analyses text) {
        return response.indexOf('!') < 0;
    }
}
