package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.KeywordFrequencySketch;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Relation;
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

    public static final ConstraintType<KeywordsFrequency> TYPE = ConstraintType.builder(ID, KeywordsFrequency::parse)
            .parameters(new Parameter("keyword", "string (a regular expression, matched ignoring case)"),
                    Parameter.integer("frequency", 0), Parameter.relation("relation"))
            .example(new KeywordsFrequency("price", 3, Relation.AT_LEAST))
            .hardness(0.5)
            .phrasings("The word \"{keyword}\" should appear {relation} {frequency} {times} in your response.",
                    "Use the word {keyword} {relation} {frequency} {times}.",
                    "In your answer, mention \"{keyword}\" {relation} {frequency} {times}.")
            .synthesis(180, () -> new KeywordFrequencySketch<>((keyword, text) -> Literals.countIgnoreCase(text, keyword), KeywordsFrequency::new))
            .build();

    private static KeywordsFrequency parse(Kwargs k) {
        return new KeywordsFrequency(k.strippedString("keyword"), k.integer("frequency", 0), k.relation("relation"));
    }

    public ConstraintType<KeywordsFrequency> type() { return TYPE; }

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
