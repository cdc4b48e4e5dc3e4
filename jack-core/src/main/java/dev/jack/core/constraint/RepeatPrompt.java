package dev.jack.core.constraint;

import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/** combination:repeat_prompt — the response starts with the request repeated word for word (case ignored). */
public record RepeatPrompt(String promptToRepeat) implements Constraint {
    public static final String ID = "combination:repeat_prompt";

    public RepeatPrompt {
        if (promptToRepeat.isEmpty()) throw new ParameterException("prompt_to_repeat", "must not be empty");
    }

    static RepeatPrompt parse(Kwargs k) {
        return new RepeatPrompt(k.string("prompt_to_repeat"));
    }

    public String id() { return ID; }

    public String description() {
        return "First repeat the request word for word without change, then give your answer (1. do not say any words or characters before repeating the request; 2. the request you need to repeat does not include this sentence)";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return PyText.lower(PyText.strip(response)).startsWith(PyText.lower(PyText.strip(promptToRepeat)));
    }

    public Map<String, Object> kwargs() { return Map.of("prompt_to_repeat", promptToRepeat); }
}
