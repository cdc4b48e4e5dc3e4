package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Map;

/**
 * repeat:repeat_change — the response is not the request itself, but its whitespace words after the
 * first are the request's words after the first.
 */
public record RepeatChange(String promptToRepeat) implements Checker {
    public static final String ID = "repeat:repeat_change";

    static RepeatChange parse(Args a) {
        return new RepeatChange(a.nonEmpty("prompt_to_repeat"));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Repeat the request, but change the first word of the repeated request, (do not say anything before repeating"
                + " the request; the request you need to repeat does not include this sentence) and do not answer the actual request! Request: "
                + promptToRepeat;
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("prompt_to_repeat", promptToRepeat);
    }

    private static List<String> afterFirst(String s) {
        List<String> words = PyText.split(s);
        return words.isEmpty() ? words : words.subList(1, words.size());
    }

    public boolean check(String response, Analyses text) {
        return !promptToRepeat.equals(response) && afterFirst(promptToRepeat).equals(afterFirst(response));
    }
}
