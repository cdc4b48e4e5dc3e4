package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;
import dev.jack.core.text.PyText;

/** paragraphs:paragraphs2 — exactly 2 non-blank paragraphs between "\n\n" separators (blank ones only at the ends). */
public record ParagraphsBlankLine() implements Checker {
    public static final String ID = "paragraphs:paragraphs2";

    static ParagraphsBlankLine parse(Args a) {
        return new ParagraphsBlankLine();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "There should be 2 paragraphs. Paragraphs and only paragraphs are separated with each other by two line breaks. ";
    }

    public boolean check(String response, Analyses text) {
        return Paragraphs.count(PyText.split(response, "\n\n")) == 2;
    }
}
