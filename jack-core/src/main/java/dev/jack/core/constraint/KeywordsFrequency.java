package dev.jack.core.constraint;

import dev.jack.core.text.Literals;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.TextTools;

import java.util.Map;
import java.util.regex.Matcher;

/** keywords:frequency — the keyword (a regular expression) occurs less than / at least N times, ignoring case. */
public record KeywordsFrequency(String keyword, int frequency, Relation relation) implements Constraint {
    public static final String ID = "keywords:frequency";

    public KeywordsFrequency {
        Kwargs.regex("keyword", keyword, PyRegex.IGNORECASE);
    }

    static KeywordsFrequency parse(Kwargs k) {
        return new KeywordsFrequency(k.strippedString("keyword"), k.integer("frequency", 0), k.relation("relation"));
    }

    public String id() { return ID; }

    public String description() {
        return "In your response, the word " + keyword + " should appear " + relation.text() + " " + frequency + " times.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return relation.holds(PyRegex.isLiteral(keyword) ? Literals.countIgnoreCase(response, keyword) : countMatches(response), frequency);
    }

    private int countMatches(String response) {
        Matcher m = PyRegex.cached(keyword, PyRegex.IGNORECASE).matcher(response);
        int count = 0;
        while (m.find()) count++;
        return count;
    }

    public Map<String, Object> kwargs() {
        return Map.of("keyword", keyword, "frequency", frequency, "relation", relation.text());
    }
}
