package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.ifeval.JsonFormat;
import dev.jack.core.constraint.ifeval.Quotation;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/**
 * format:quotes — quotes nested 3 deep: each ' or " closes the innermost open quote when it matches
 * it and opens a new one otherwise; passes once a close leaves the depth 3 below the deepest reached.
 */
public record NestedQuotes() implements Constraint {
    public static final String ID = "format:quotes";

    public static final ConstraintType<NestedQuotes> TYPE = ConstraintType.builder(ID, NestedQuotes::parse)
            .example(new NestedQuotes())
            .conflict(ResponseLanguage.ID, "its sentence is English")
            .conflict(Quotation.ID, "the quotes that wrap the response would pair with the nested ones")
            .conflict(JsonFormat.ID, "JSON's own quotes would pair with the nested ones")
            .hardness(0.55)
            .phrasings("Include quotes within quotes within quotes, at least 3 levels deep, alternating between double quotes and single quotes.",
                    "Nest quotations three levels deep, alternating double and single quotes.",
                    "Your answer must contain a quote inside a quote inside a quote, switching between \" and ' at each level.")
            .synthesis(360, () -> Sampling.INSTANCE)
            .build();

    private static NestedQuotes parse(Kwargs k) {
        return new NestedQuotes();
    }

    public ConstraintType<NestedQuotes> type() { return TYPE; }

    public String description() {
        return "Include quotes within quotes within quotes, at least 3 levels deep, alternating between double quotes and single quotes.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return nested(response) != null;
    }

    /**
     * The reference's walk: a quote char equal to the innermost open one closes it, any other quote char opens one;
     * passes at the first close that leaves 3 fewer open than the most ever open. Gives {that close's opening quote,
     * index after the close}, or null if none.
     */
    private static int[] nested(String response) {
        List<Integer> open = new ArrayList<>();
        int reached = 0;
        for (int i = 0; i < response.length(); i++) {
            char c = response.charAt(i);
            if (!open.isEmpty() && c == response.charAt(open.getLast())) {
                int from = open.removeLast();
                if (reached - open.size() >= 3) return new int[] {from, i + 1};
            } else if (c == '"' || c == '\'') {
                open.add(i);
                reached = Math.max(reached, open.size());
            }
        }
        return null;
    }

    /** The sentence a repair adds: three levels of quotes, alternating. */
    private static final String NESTED = "As they say \"he wrote 'read \"this\" now' here\" today.";

    /**
     * Passed: the quotes from the one whose close completes the three levels to that close (walked as the checker
     * does). Failed: an empty span at the end, where the nested quotes would go.
     */
    public List<Span> spans(String response, TextTools text) {
        int[] nested = nested(response);
        if (nested != null) return List.of(new Span(nested[0], nested[1], "quotes nested 3 deep"));
        return List.of(Span.missing(Edits.textEnd(response), "no quotes nested 3 deep"));
    }

    /** Every double quote removed: single quotes alone never nest. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(List.of(new Edit("remove_double_quotes", response.replace("\"", ""))), r -> !isFollowedBy(r, text));
    }

    /** A sentence with quotes three levels deep added at the end. */
    public List<Edit> repairs(String response, TextTools text) {
        return Edits.verified(List.of(Edits.appending("add_nested_quotes", response, NESTED)), r -> isFollowedBy(r, text));
    }

    /** One sentence with three levels of quotes. */
    private enum Sampling implements Sketch<NestedQuotes> {
        INSTANCE;

        public void content(Draft d) {
            d.addSentence("She said \"he wrote 'read \"this\" now' here\" today.");
        }

        public NestedQuotes finish(Draft d) {
            return new NestedQuotes();
        }
    }
}
