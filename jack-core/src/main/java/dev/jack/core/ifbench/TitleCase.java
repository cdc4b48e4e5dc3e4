package dev.jack.core.ifbench;

import dev.jack.core.text.PyChars;
import dev.jack.core.text.PyText;

import java.util.Set;

/**
 * format:title_case — no word token starting with a letter is lower-case-first: a one-letter token must
 * not be lower case, and a longer one fails when its first letter is lower case and the rest all upper
 * or all lower case. Mixed tokens ("iPhone") and upper-case words pass.
 */
public record TitleCase() implements Checker {
    public static final String ID = "format:title_case";

    static TitleCase parse(Args a) {
        return new TitleCase();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Write the entire response in title case (capitalize the first letter of every major word).";
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.WORD_TOKENS);
    }

    public boolean check(String response, Analyses text) {
        for (String word : text.words(response)) {
            if (word.isEmpty() || !PyChars.isAlpha(word.codePointAt(0))) continue;
            String first = PyStr.first(word);
            String rest = word.substring(first.length());
            if (rest.isEmpty()) {
                if (PyText.isLower(first)) return false;
                continue;
            }
            if (PyText.isUpper(first) && PyText.isLower(rest)) continue;
            if (PyText.isLower(first) && (PyText.isUpper(rest) || PyText.isLower(rest))) return false;
        }
        return true;
    }
}
