package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.List;

/**
 * words:paragraph_last_first — every non-blank line, lower-cased and stripped of ASCII punctuation and
 * spaces at both ends, starts and ends with the same whitespace word.
 */
public record ParagraphLastFirst() implements Checker {
    public static final String ID = "words:paragraph_last_first";

    static ParagraphLastFirst parse(Args a) {
        return new ParagraphLastFirst();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Each paragraph must end with the same word it started with, separate paragraphs with a newline.";
    }

    public boolean check(String response, Analyses text) {
        for (String line : PyText.split(response, "\n")) {
            String paragraph = PyText.lower(PyText.strip(line));
            if (paragraph.isEmpty()) continue;
            List<String> words = PyText.split(PyStr.stripPunctuation(paragraph));
            if (!words.isEmpty() && !words.getFirst().equals(words.getLast())) return false;
        }
        return true;
    }
}
