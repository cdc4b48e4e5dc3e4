package dev.jack.core.ifbench;

import java.util.ArrayList;
import java.util.List;

/**
 * format:quotes — quotes nested 3 deep: each ' or " closes the innermost open quote when it matches
 * it and opens a new one otherwise; passes once a close leaves the depth 3 below the deepest reached.
 */
public record NestedQuotes() implements Checker {
    public static final String ID = "format:quotes";

    static NestedQuotes parse(Args a) {
        return new NestedQuotes();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Include quotes within quotes within quotes, at least 3 levels deep, alternating between double quotes and single quotes.";
    }

    public boolean check(String response, Analyses text) {
        List<Character> open = new ArrayList<>();
        int reached = 0;
        int depth = 0;
        for (int i = 0; i < response.length(); i++) {
            char c = response.charAt(i);
            if (!open.isEmpty() && c == open.getLast()) {
                open.removeLast();
                depth--;
                if (reached - depth >= 3) return true;
            } else if (c == '"' || c == '\'') {
                open.add(c);
                depth++;
                reached = Math.max(reached, depth);
            }
        }
        return false;
    }
}
