package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;
import dev.jack.core.text.PyText;

import java.util.List;

/**
 * detectable_format:bigram_wrapping — each pair of whitespace words (1–2, 3–4, …) starts with "&lt;&lt;"
 * and ends with "&gt;&gt;"; a trailing odd word is never checked.
 */
public record BigramWrapping() implements Checker {
    public static final String ID = "detectable_format:bigram_wrapping";

    static BigramWrapping parse(Args a) {
        return new BigramWrapping();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "Wrap every word bigram in double angular brackets, such as <<I am>> <<at home>> <<with my>> <<cute dog>>.";
    }

    public boolean check(String response, Analyses text) {
        List<String> words = PyText.split(response);
        for (int i = 0; i + 1 < words.size(); i += 2) {
            if (!words.get(i).startsWith("<<") || !words.get(i + 1).endsWith(">>")) return false;
        }
        return true;
    }
}
