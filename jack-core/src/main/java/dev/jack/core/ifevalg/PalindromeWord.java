package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.PyStr;
import dev.jack.core.ifbench.Source;
import dev.jack.core.text.PyText;

/** keywords:palindrome — some whitespace word reads the same reversed, case-sensitively; "I" and "a" count. */
public record PalindromeWord() implements Checker {
    public static final String ID = "keywords:palindrome";

    static PalindromeWord parse(Args a) {
        return new PalindromeWord();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "Include a palindrome in your response.";
    }

    public boolean check(String response, Analyses text) {
        return PyText.split(response).stream().anyMatch(w -> w.equals(PyStr.reverse(w)));
    }
}
