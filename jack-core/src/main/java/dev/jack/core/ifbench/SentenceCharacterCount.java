package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Set;

/**
 * ratio:sentence_words — exactly three Punkt sentences of the same stripped length. The reference
 * never checks that the words differ.
 */
public record SentenceCharacterCount() implements Checker {
    public static final String ID = "ratio:sentence_words";

    static SentenceCharacterCount parse(Args a) {
        return new SentenceCharacterCount();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Respond with three sentences, all containing the same number of characters but using all different words.";
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.PUNKT_SENTENCES);
    }

    public boolean check(String response, Analyses text) {
        List<String> sentences = text.sentences(response);
        if (sentences.size() != 3) return false;
        int length = PyStr.length(PyText.strip(sentences.getFirst()));
        return sentences.stream().allMatch(s -> PyStr.length(PyText.strip(s)) == length);
    }
}
