package dev.jack.core.constraint;

import dev.jack.core.text.TextTools;

import java.util.Map;

/** detectable_content:number_placeholders — at least N placeholders {@code [like this]} (one line each). */
public record NumberOfPlaceholders(int numPlaceholders) implements Constraint {
    public static final String ID = "detectable_content:number_placeholders";

    static NumberOfPlaceholders parse(Kwargs k) {
        return new NumberOfPlaceholders(k.integer("num_placeholders", 0));
    }

    public String id() { return ID; }

    public String description() {
        return "The response must contain at least " + numPlaceholders + " placeholders represented by square brackets, such as [address].";
    }

    /** Counts {@code re.findall(r"\[.*?\]")}: a '[' and the nearest ']' on the same line. */
    public boolean isFollowedBy(String response, TextTools text) {
        int count = 0;
        int i = response.indexOf('[');
        while (i >= 0) {
            int j = i + 1;
            while (j < response.length() && response.charAt(j) != ']' && response.charAt(j) != '\n') j++;
            if (j < response.length() && response.charAt(j) == ']') {
                count++;
                i = response.indexOf('[', j + 1);
            } else {
                i = response.indexOf('[', i + 1);
            }
        }
        return count >= numPlaceholders;
    }

    public Map<String, Object> kwargs() { return Map.of("num_placeholders", numPlaceholders); }
}
