package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/** startend:quotation — the whole response is wrapped in double quotation marks. */
public record Quotation() implements Constraint {
    public static final String ID = "startend:quotation";

    public static final ConstraintType<Quotation> TYPE = ConstraintType.builder(ID, Quotation::parse)
            .example(new Quotation())
            .conflict(TwoResponses.ID, "two responses cannot be one quoted response")
            .conflict(RepeatPrompt.ID, "the response must start with the repeated request, not a quote")
            .hardness(0.2)
            .phrasings("Wrap your entire response with double quotation marks.",
                    "Put your whole answer inside double quotes.",
                    "Enclose the entire response in double quotation marks.")
            .synthesis(100, () -> Sampling.INSTANCE)
            .build();

    private static Quotation parse(Kwargs k) {
        return new Quotation();
    }

    public ConstraintType<Quotation> type() { return TYPE; }

    public String description() {
        return "Wrap your entire response with double quotation marks.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String v = PyText.strip(response);
        return v.codePointCount(0, v.length()) > 1 && v.startsWith("\"") && v.endsWith("\"");
    }

    public Map<String, Object> kwargs() { return Map.of(); }

    /** The whole witness in double quotes. */
    private enum Sampling implements Sketch<Quotation> {
        INSTANCE;

        public void content(Draft d) {
            d.witness().wrap(body -> "\"" + body + "\"");
        }

        public Quotation finish(Draft d) {
            return new Quotation();
        }
    }
}
