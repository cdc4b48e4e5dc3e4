package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * count:conjunctions — at least small_n distinct coordinating conjunctions. A whitespace word counts
 * when, stripped of ASCII punctuation and lower-cased, it is one of and/but/for/nor/or/so/yet; the
 * distinct ones are the raw words, so "and", "And" and "and," are three.
 */
public record ConjunctionCount(int smallN) implements Checker {
    public static final String ID = "count:conjunctions";

    private static final Set<String> CONJUNCTIONS = Set.of("and", "but", "for", "nor", "or", "so", "yet");

    static ConjunctionCount parse(Args a) {
        return new ConjunctionCount(a.integer("small_n", 0, Args.RANDOM_IF_NEGATIVE));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Use at least " + smallN + " different coordinating conjunctions in the response.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("small_n", smallN);
    }

    public boolean check(String response, Analyses text) {
        Set<String> found = new HashSet<>();
        for (String w : PyText.split(response)) {
            if (CONJUNCTIONS.contains(PyText.lower(PyStr.stripPunctuation(w)))) found.add(w);
        }
        return found.size() >= smallN;
    }
}
