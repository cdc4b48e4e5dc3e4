package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.PyStr;
import dev.jack.core.ifbench.Source;

/** paragraphs:paragraphs — exactly 2 non-blank paragraphs between "***" dividers (blank ones only at the ends). */
public record ParagraphsDivider() implements Checker {
    public static final String ID = "paragraphs:paragraphs";

    static ParagraphsDivider parse(Args a) {
        return new ParagraphsDivider();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "There should be 2 paragraphs. Paragraphs are separated with the markdown divider: ***";
    }

    public boolean check(String response, Analyses text) {
        return Paragraphs.count(PyStr.split(Paragraphs.DIVIDER, response)) == 2;
    }
}
