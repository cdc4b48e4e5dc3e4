package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.ifeval.NumberOfPlaceholders;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/**
 * format:parentheses — brackets ( [ { nested at least 5 deep, passing as soon as a matching close
 * follows a depth of 5; a mismatched close starts the count over.
 */
public record NestedParentheses() implements Constraint {
    public static final String ID = "format:parentheses";

    public static final ConstraintType<NestedParentheses> TYPE = ConstraintType.builder(ID, NestedParentheses::parse)
            .example(new NestedParentheses())
            .conflict(ResponseLanguage.ID, "its sentence is English")
            .conflict(NumberOfPlaceholders.ID, "the square brackets would count as placeholders")
            .hardness(0.45)
            .phrasings("Nest parentheses (and [brackets {and braces}]) at least 5 levels deep.",
                    "Somewhere in your answer, nest brackets of any kind ( [ { at least five levels deep.",
                    "Include a passage with parentheses, brackets and braces nested at least 5 levels deep.")
            .synthesis(350, () -> Sampling.INSTANCE)
            .build();

    private static NestedParentheses parse(Kwargs k) {
        return new NestedParentheses();
    }

    public ConstraintType<NestedParentheses> type() { return TYPE; }

    public String description() {
        return "Nest parentheses (and [brackets {and braces}]) at least 5 levels deep.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return nested(response) != null;
    }

    /**
     * The reference's walk: a stack of open brackets, cleared by a mismatched close; passes at the first matching close
     * once 5 levels were open. Gives {outermost bracket still open, index after that close}, or null if none.
     */
    private static int[] nested(String response) {
        List<Integer> open = new ArrayList<>();
        int maxDepth = 0;
        for (int i = 0; i < response.length(); i++) {
            char c = response.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                open.add(i);
                maxDepth = Math.max(maxDepth, open.size());
            } else if (c == ')' || c == ']' || c == '}') {
                char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
                if (!open.isEmpty() && response.charAt(open.getLast()) == expected) {
                    open.removeLast();
                    if (maxDepth >= 5 && open.size() < maxDepth) return new int[] {open.getFirst(), i + 1};
                } else {
                    open.clear();
                    maxDepth = 0;
                }
            }
        }
        return null;
    }

    /** The sentence a repair adds: brackets five levels deep. */
    private static final String NESTED = "Picture this (a box (in a box [in a box {in a box (in a box)}])) for a moment.";

    /**
     * Passed: from the outermost bracket still open to the close that completes five levels (walked as the checker
     * does). Failed: an empty span at the end, where the nested brackets would go.
     */
    public List<Span> spans(String response, TextTools text) {
        int[] nested = nested(response);
        if (nested != null) return List.of(new Span(nested[0], nested[1], "brackets nested 5 deep"));
        return List.of(Span.missing(Edits.textEnd(response), "no brackets nested 5 deep"));
    }

    /** Every closing bracket removed: nothing is then closed. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(List.of(new Edit("remove_closing_brackets", response.replaceAll("[)\\]}]", ""))), r -> !isFollowedBy(r, text));
    }

    /** A sentence with brackets five levels deep added at the end. */
    public List<Edit> repairs(String response, TextTools text) {
        return Edits.verified(List.of(Edits.appending("add_nested_brackets", response, NESTED)), r -> isFollowedBy(r, text));
    }

    /** One sentence nesting five levels. */
    private enum Sampling implements Sketch<NestedParentheses> {
        INSTANCE;

        public void content(Draft d) {
            d.addSentence("Picture this (a box (in a box [in a box {in a box (in a box)}])) for a moment.");
        }

        public NestedParentheses finish(Draft d) {
            return new NestedParentheses();
        }
    }
}
