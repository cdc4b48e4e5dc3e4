package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Set;

/**
 * words:last_first — each Punkt sentence's last whitespace word (trailing ASCII punctuation and spaces
 * stripped) equals, ignoring case, the next sentence's first word (leading ones stripped).
 */
public record LastWordFirstNext() implements Checker {
    public static final String ID = "words:last_first";

    static LastWordFirstNext parse(Args a) {
        return new LastWordFirstNext();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "The last word of each sentence must become the first word of the next sentence.";
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.PUNKT_SENTENCES);
    }

    public boolean check(String response, Analyses text) {
        List<String> sentences = text.sentences(response);
        for (int i = 0; i + 1 < sentences.size(); i++) {
            List<String> last = PyText.split(PyText.rstrip(sentences.get(i), PyStr.PUNCTUATION_AND_SPACE));
            List<String> first = PyText.split(PyText.lstrip(sentences.get(i + 1), PyStr.PUNCTUATION_AND_SPACE));
            if (last.isEmpty() || first.isEmpty()) return false;
            if (!PyText.lower(last.getLast()).equals(PyText.lower(first.getFirst()))) return false;
        }
        return true;
    }
}
