package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

/** format:no_whitespace — no character is whitespace by Python's {@code str.isspace} (zero-width spaces are not). */
public record NoWhitespace() implements Checker {
    public static final String ID = "format:no_whitespace";

    static NoWhitespace parse(Args a) {
        return new NoWhitespace();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "The output should not contain any whitespace.";
    }

    public boolean check(String response, Analyses text) {
        return response.codePoints().noneMatch(PyText::isSpace);
    }
}
