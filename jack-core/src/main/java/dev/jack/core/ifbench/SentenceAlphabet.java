package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Set;

/** custom:sentence_alphabet — exactly 26 Punkt sentences whose first words start, lower-cased, with a to z in order. */
public record SentenceAlphabet() implements Checker {
    public static final String ID = "custom:sentence_alphabet";

    /** The reference's build_description takes and ignores any kwargs. */
    static SentenceAlphabet parse(Args a) {
        a.ignoreOthers();
        return new SentenceAlphabet();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Tell me a 26-sentence story where each sentence's first word starts with the letters of the alphabet in order.";
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.PUNKT_SENTENCES);
    }

    public boolean check(String response, Analyses text) {
        List<String> sentences = text.sentences(response);
        if (sentences.size() != 26) return false;
        for (int i = 0; i < 26; i++) {
            List<String> words = PyText.split(sentences.get(i));
            if (words.isEmpty() || PyText.lower(words.getFirst()).codePointAt(0) != 'a' + i) return false;
        }
        return true;
    }
}
