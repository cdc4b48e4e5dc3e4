package dev.jack.core.ifbench;

import java.util.ArrayList;
import java.util.List;

/**
 * format:parentheses — brackets ( [ { nested at least 5 deep, passing as soon as a matching close
 * follows a depth of 5; a mismatched close starts the count over.
 */
public record NestedParentheses() implements Checker {
    public static final String ID = "format:parentheses";

    static NestedParentheses parse(Args a) {
        return new NestedParentheses();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Nest parentheses (and [brackets {and braces}]) at least 5 levels deep.";
    }

    public boolean check(String response, Analyses text) {
        List<Character> open = new ArrayList<>();
        int maxDepth = 0;
        for (int i = 0; i < response.length(); i++) {
            char c = response.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                open.add(c);
                maxDepth = Math.max(maxDepth, open.size());
            } else if (c == ')' || c == ']' || c == '}') {
                char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
                if (!open.isEmpty() && open.getLast() == expected) {
                    open.removeLast();
                    if (maxDepth >= 5 && open.size() < maxDepth) return true;
                } else {
                    open.clear();
                    maxDepth = 0;
                }
            }
        }
        return false;
    }
}
