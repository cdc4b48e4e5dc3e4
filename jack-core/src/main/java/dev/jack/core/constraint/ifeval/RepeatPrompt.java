package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.ParameterException;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;

/** combination:repeat_prompt — the response starts with the request repeated word for word (case ignored). */
public record RepeatPrompt(String promptToRepeat) implements Constraint {
    public static final String ID = "combination:repeat_prompt";

    public RepeatPrompt {
        if (promptToRepeat.isEmpty()) throw new ParameterException("prompt_to_repeat", "must not be empty");
    }

    public static final ConstraintType<RepeatPrompt> TYPE = ConstraintType.builder(ID, RepeatPrompt::parse)
            .parameters(new Parameter("prompt_to_repeat", "non-empty string"))
            .example(new RepeatPrompt("Write a short poem about the sea."))
            .hardness(0.5)
            .phrasings("First repeat the first sentence of this prompt word for word without change, then give your answer.",
                    "Begin by restating the first sentence of this request exactly as written, then answer.",
                    "Start your response by copying the first sentence of this message word for word, and then respond.")
            .synthesis(40, () -> Sampling.INSTANCE)
            .build();

    private static RepeatPrompt parse(Kwargs k) {
        return new RepeatPrompt(k.string("prompt_to_repeat"));
    }

    public ConstraintType<RepeatPrompt> type() { return TYPE; }

    public String description() {
        return "First repeat the request word for word without change, then give your answer (1. do not say any words or characters before repeating the request; 2. the request you need to repeat does not include this sentence)";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return PyText.lowerStartsWith(PyText.strip(response), PyText.lower(PyText.strip(promptToRepeat)));
    }

    /** Passed: the repeated request. Failed: from where the response departs from it. */
    public List<Span> spans(String response, TextTools text) {
        int start = PyText.stripStart(response);
        String want = PyText.lower(PyText.strip(promptToRepeat));
        String have = PyText.lower(PyText.strip(response));
        if (have.startsWith(want)) return List.of(new Span(start, Math.min(response.length(), start + want.length()), "repeated request"));
        int same = 0;
        while (same < Math.min(want.length(), have.length()) && want.charAt(same) == have.charAt(same)) same++;
        int end = Math.min(response.length(), start + Math.min(want.length(), have.length()));
        return List.of(same + start >= end ? Span.missing(start + same, "the request is not repeated from here")
                : new Span(start + same, end, "differs from the request"));
    }

    /** The repeated request cut from the start. */
    public List<Edit> breaks(String response, TextTools text) {
        int start = PyText.stripStart(response);
        int end = Math.min(response.length(), start + PyText.strip(promptToRepeat).length());
        return List.of(new Edit("remove_repeated_request", response.substring(0, start) + response.substring(PyText.stripStart(response.substring(end)) + end)));
    }

    /** The request put before the response, on a line of its own. */
    public List<Edit> repairs(String response, TextTools text) {
        int start = PyText.stripStart(response);
        return List.of(new Edit("prepend_request", response.substring(0, start) + PyText.strip(promptToRepeat) + "\n\n" + response.substring(start)));
    }

    public Map<String, Object> kwargs() { return Map.of("prompt_to_repeat", promptToRepeat); }

    /** The base task is the prompt's first sentence, and the witness's first line. */
    private enum Sampling implements Sketch<RepeatPrompt> {
        INSTANCE;

        public void layout(Draft d) {
            d.reserveFrontMatter();
            d.keepTaskFirst();
        }

        public void content(Draft d) {
            d.witness().addFrontMatter(d.taskText());
        }

        public RepeatPrompt finish(Draft d) {
            return new RepeatPrompt(d.taskText());
        }
    }
}
