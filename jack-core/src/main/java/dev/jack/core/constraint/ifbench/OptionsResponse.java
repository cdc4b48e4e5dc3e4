package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * format:options — the response is one of the options. The options text is split on "/" if it has
 * one, else on "or" (a substring test: "for" or "word" count), else on ","; each option is stripped.
 * Letter options ("a), b), c)") must match exactly, unstripped; text options are compared stripped of
 * ASCII punctuation and spaces and lower-cased.
 */
public record OptionsResponse(String options) implements Constraint {
    public static final String ID = "format:options";

    public static final ConstraintType<OptionsResponse> TYPE = ConstraintType.builder(ID, OptionsResponse::parse)
            .parameters(Parameter.string("options"))
            .example(new OptionsResponse("yes/no/maybe"))
            .alone("the response is one of the options and nothing else")
            .hardness(0.3)
            .phrasings("Answer with one of the following options: {options}. Do not give any explanation.",
                    "Reply with exactly one of these options and nothing more: {options}.",
                    "Choose one of the options {options} and answer with it alone, without explanation.")
            .synthesis(500, Sampling::new)
            .build();

    private static final Pattern LETTER_OPTIONS = PyRegex.compile("\\W*[aA]\\W*[bB]\\W*[cC]\\W*");

    private static OptionsResponse parse(Kwargs k) {
        return new OptionsResponse(k.string("options"));
    }

    public ConstraintType<OptionsResponse> type() { return TYPE; }

    public String description() {
        return "Answer with one of the following options: " + options + ". Do not give any explanation.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("options", options);
    }

    private List<String> choices() {
        String separator = options.contains("/") ? "/" : options.contains("or") ? "or" : ",";
        List<String> choices = new ArrayList<>();
        for (String o : PyText.split(options, separator)) choices.add(PyText.strip(o));
        return choices;
    }

    public boolean isFollowedBy(String response, TextTools text) {
        if (LETTER_OPTIONS.matcher(options).lookingAt()) return choices().contains(response);
        String value = PyText.lower(PyText.stripPunctuation(response));
        for (String o : choices()) if (PyText.lower(PyText.stripPunctuation(o)).equals(value)) return true;
        return false;
    }

    /** The whole answer, as one of the options or not. */
    public List<Span> spans(String response, TextTools text) {
        return List.of(Edits.whole(response, isFollowedBy(response, text) ? "one of the options" : "not one of the options"));
    }

    /** An explanation added after the answer. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(List.of(new Edit("add_explanation", Edits.appended(response, "That is my answer because it fits best."))),
                r -> !isFollowedBy(r, text));
    }

    /** The answer replaced by the option it names first (ignoring case), else by the first option. */
    public List<Edit> repairs(String response, TextTools text) {
        String lower = PyText.lower(response);
        String chosen = choices().getFirst();
        int best = Integer.MAX_VALUE;
        for (String o : choices()) {
            int at = o.isEmpty() ? -1 : lower.indexOf(PyText.lower(o));
            if (at >= 0 && at < best) {
                best = at;
                chosen = o;
            }
        }
        return Edits.verified(List.of(new Edit("answer_with_option", chosen)), r -> isFollowedBy(r, text));
    }

    /** Option lists as IFBench writes them: letters, or choices separated by '/' or "or". */
    private static final List<String> OPTIONS = List.of("yes/no/maybe", "I know or I don't know", "a), b), c), d)", "true/false",
            "agree/disagree/neutral", "A/B/C/D", "My answer is yes./My answer is no./My answer is maybe.");

    /** An option list, and one of its options as the whole response. */
    private static final class Sampling implements Sketch<OptionsResponse> {
        private OptionsResponse options;

        public void content(Draft d) {
            options = new OptionsResponse(d.pick(OPTIONS));
            d.witness().setText(d.pick(options.choices()));
        }

        public OptionsResponse finish(Draft d) {
            return options;
        }
    }
}
