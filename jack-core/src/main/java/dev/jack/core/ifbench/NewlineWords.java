package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

/**
 * format:newline — after ASCII punctuation is deleted and the text stripped, its non-empty lines
 * (lines of only spaces count) number as many as its whitespace words.
 */
public record NewlineWords() implements Checker {
    public static final String ID = "format:newline";

    static NewlineWords parse(Args a) {
        return new NewlineWords();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Write each word on a new line.";
    }

    public boolean check(String response, Analyses text) {
        String value = PyText.strip(PyStr.removePunctuation(response));
        long lines = PyText.split(value, "\n").stream().filter(line -> !line.isEmpty()).count();
        return lines == PyText.split(value).size();
    }
}
