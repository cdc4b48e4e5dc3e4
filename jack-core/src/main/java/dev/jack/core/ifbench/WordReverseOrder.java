package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * custom:word_reverse — the lower-cased response with ASCII punctuation deleted, its words reversed,
 * contains "bald eagle" and is exactly one Punkt sentence.
 */
public record WordReverseOrder() implements Checker {
    public static final String ID = "custom:word_reverse";

    /** The reference's build_description takes and ignores any kwargs. */
    static WordReverseOrder parse(Args a) {
        a.ignoreOthers();
        return new WordReverseOrder();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "What animal is the national symbol of the US? Respond to this query, but make your sentence in reverse order of what it should be, per word.";
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.PUNKT_SENTENCES);
    }

    public boolean check(String response, Analyses text) {
        List<String> words = PyText.split(PyStr.removePunctuation(PyText.strip(PyText.lower(response))));
        Collections.reverse(words);
        String value = String.join(" ", words);
        return value.contains("bald eagle") && text.sentences(value).contains(value);
    }
}
