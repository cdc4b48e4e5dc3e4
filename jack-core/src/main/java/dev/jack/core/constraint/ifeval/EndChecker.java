package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;

/** startend:end_checker — the response ends with the phrase (case ignored, surrounding quotes ignored). */
public record EndChecker(String endPhrase) implements Constraint {
    public static final String ID = "startend:end_checker";

    /** The phrases synthesis asks for. */
    private static final List<String> END_PHRASES = List.of("Any other questions?", "Is there anything else I can help with?",
            "Let me know if you have additional questions.", "That is all for now.", "Thank you for reading.");

    public static final ConstraintType<EndChecker> TYPE = ConstraintType.builder(ID, EndChecker::parse)
            .parameters(Parameter.string("end_phrase"))
            .example(new EndChecker("Is there anything else I can help with?"))
            .hardness(0.25)
            .phrasings("Finish your response with this exact phrase: {end_phrase} No other words should follow this phrase.",
                    "End your answer with the exact phrase \"{end_phrase}\" and nothing after it.",
                    "The very last words of your response must be: {end_phrase}")
            .synthesis(220, Sampling::new)
            .build();

    private static EndChecker parse(Kwargs k) {
        return new EndChecker(k.strippedString("end_phrase"));
    }

    public ConstraintType<EndChecker> type() { return TYPE; }

    public String description() {
        return "Finish your response with this exact phrase " + endPhrase + ". No other words should follow this phrase.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return PyText.lowerEndsWith(PyText.strip(PyText.strip(response), "\""), PyText.lower(PyText.strip(endPhrase)));
    }

    /** The stripped response less the double quotation marks around it, as {start, end}: what the check reads. */
    private static int[] checked(String response) {
        int start = PyText.stripStart(response);
        int end = Math.max(start, PyText.rstrip(response).length());
        while (start < end && response.charAt(start) == '"') start++;
        while (end > start && response.charAt(end - 1) == '"') end--;
        return new int[] {start, end};
    }

    /** Passed: the end phrase. Failed: as many of the last characters as the phrase has. */
    public List<Span> spans(String response, TextTools text) {
        int[] c = checked(response);
        int length = PyText.strip(endPhrase).length();
        if (c[0] == c[1]) return List.of(Span.missing(c[1], "no end phrase"));
        int from = Math.max(c[0], c[1] - length);
        return List.of(new Span(from, c[1], isFollowedBy(response, text) ? "end phrase" : "ends with this, not with the end phrase"));
    }

    /** The end phrase cut off. */
    public List<Edit> breaks(String response, TextTools text) {
        int[] c = checked(response);
        int length = PyText.strip(endPhrase).length();
        return List.of(new Edit("remove_end_phrase", Edits.cut(response, c[1] - length, c[1])));
    }

    /** The end phrase added after the text (inside closing quotation marks), after a space or on a line of its own. */
    public List<Edit> repairs(String response, TextTools text) {
        int end = checked(response)[1];
        String phrase = PyText.strip(endPhrase);
        return List.of(new Edit("add_end_phrase", Edits.replace(response, end, end, " " + phrase)),
                new Edit("add_end_phrase", Edits.replace(response, end, end, "\n" + phrase)));
    }

    public Map<String, Object> kwargs() { return Map.of("end_phrase", endPhrase); }

    /** One of the phrases, after everything else. */
    private static final class Sampling implements Sketch<EndChecker> {
        private String phrase;

        public void content(Draft d) {
            phrase = d.pick(END_PHRASES);
            d.witness().setEndPhrase(phrase);
        }

        public EndChecker finish(Draft d) {
            return new EndChecker(phrase);
        }
    }
}
