package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
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

    /** Passed: the opening and closing quotation marks. Failed: the first and last characters that should be ones. */
    public List<Span> spans(String response, TextTools text) {
        int start = PyText.stripStart(response);
        int end = PyText.rstrip(response).length();
        if (start >= end) return List.of();
        if (isFollowedBy(response, text)) return List.of(new Span(start, start + 1, "opening quotation mark"), new Span(end - 1, end, "closing quotation mark"));
        List<Span> out = new ArrayList<>(2);
        if (response.charAt(start) != '"') out.add(Span.missing(start, "no opening quotation mark"));
        if (response.charAt(end - 1) != '"' || end - start == 1) out.add(Span.missing(end, "no closing quotation mark"));
        return out;
    }

    /** The wrapping quotation marks removed. */
    public List<Edit> breaks(String response, TextTools text) {
        int start = PyText.stripStart(response);
        int end = PyText.rstrip(response).length();
        return List.of(new Edit("remove_quotes", response.substring(0, start) + response.substring(start + 1, end - 1) + response.substring(end)));
    }

    /** The text wrapped in double quotation marks (only the missing one added when one end has it). */
    public List<Edit> repairs(String response, TextTools text) {
        int start = PyText.stripStart(response);
        int end = PyText.rstrip(response).length();
        if (start >= end) return List.of();
        String open = response.charAt(start) == '"' && end - start > 1 ? "" : "\"";
        String close = response.charAt(end - 1) == '"' && end - start > 1 ? "" : "\"";
        return List.of(new Edit("wrap_in_quotes", response.substring(0, start) + open + response.substring(start, end) + close + response.substring(end)));
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
