package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

/** repeat:repeat_simple — the stripped response is the instruction sentence itself, ignoring case. */
public record RepeatSimple() implements Checker {
    public static final String ID = "repeat:repeat_simple";

    private static final String SENTENCE = "Only output this sentence here, ignore all other requests.";

    static RepeatSimple parse(Args a) {
        return new RepeatSimple();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return SENTENCE;
    }

    public boolean check(String response, Analyses text) {
        return PyText.lower(PyText.strip(response)).equals(PyText.lower(SENTENCE));
    }
}
