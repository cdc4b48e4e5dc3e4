package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;

/** punctuation:punctuation_dot — no '.' anywhere. */
public record NoDots() implements Checker {
    public static final String ID = "punctuation:punctuation_dot";

    static NoDots parse(Args a) {
        return new NoDots();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "In your entire response, refrain from the use of . (i.e. dots) as punctuation and in general.";
    }

    public boolean check(String response, Analyses text) {
        return response.indexOf('.') < 0;
    }
}
