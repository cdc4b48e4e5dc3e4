package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.List;

/** words:no_consecutive — no two neighbouring lower-cased whitespace words (punctuation deleted) start with the same character. */
public record NoConsecutiveFirstLetter() implements Checker {
    public static final String ID = "words:no_consecutive";

    static NoConsecutiveFirstLetter parse(Args a) {
        return new NoConsecutiveFirstLetter();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "No two consecutive words can share the same first letter.";
    }

    public boolean check(String response, Analyses text) {
        List<String> words = PyText.split(PyStr.removePunctuation(PyText.lower(response)));
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).codePointAt(0) == words.get(i + 1).codePointAt(0)) return false;
        }
        return true;
    }
}
