package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.PyStr;
import dev.jack.core.ifbench.Source;
import dev.jack.core.text.PyText;

import java.util.List;

/**
 * keywords:no_adjacent_consecutive — no whitespace word's lower-cased first character is the next code
 * point after the previous word's; a first character whose lower case is two characters (e.g. 'İ')
 * fails.
 */
public record AdjacentLetters() implements Checker {
    public static final String ID = "keywords:no_adjacent_consecutive";

    static AdjacentLetters parse(Args a) {
        return new AdjacentLetters();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "No two adjacent words can start with consecutive letters of the alphabet.";
    }

    public boolean check(String response, Analyses text) {
        List<String> words = PyText.split(response);
        for (int i = 0; i + 1 < words.size(); i++) {
            String first = PyText.lower(PyStr.first(words.get(i)));
            String second = PyText.lower(PyStr.first(words.get(i + 1)));
            if (PyStr.length(first) != 1 || PyStr.length(second) != 1) return false;
            if (second.codePointAt(0) - first.codePointAt(0) == 1) return false;
        }
        return true;
    }
}
