package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.HashMap;
import java.util.Map;

/** words:repeats — no lower-cased whitespace word (ASCII punctuation deleted) occurs more than small_n times. */
public record LimitedWordRepeat(int smallN) implements Checker {
    public static final String ID = "words:repeats";

    static LimitedWordRepeat parse(Args a) {
        return new LimitedWordRepeat(a.integer("small_n", 0, Args.RANDOM_IF_NEGATIVE));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "The response should not repeat any word more than " + smallN + " times.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("small_n", smallN);
    }

    public boolean check(String response, Analyses text) {
        Map<String, Integer> counts = new HashMap<>();
        for (String w : PyText.split(PyStr.removePunctuation(PyText.lower(response)))) {
            if (counts.merge(w, 1, Integer::sum) > smallN) return false;
        }
        return true;
    }
}
