package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.KeywordFrequencySketch;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Relation;
import dev.jack.core.constraint.SameCheck;
import dev.jack.core.constraint.ifeval.KeywordsFrequency;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;

/**
 * keywords:word_count_different_numbers — the keyword (a case-insensitive regular expression, matching
 * anywhere) matches less than / at least {@code frequency} times. The wording leaves the relation out.
 */
public record KeywordFrequency(String keyword, int frequency, String relation) implements SameCheck {
    public static final String ID = "keywords:word_count_different_numbers";

    public static final ConstraintType<KeywordFrequency> TYPE = ConstraintType.builder(ID, KeywordFrequency::parse)
            .parameters(Parameter.string("keyword"), Parameter.integer("frequency", 0), Parameter.relation("relation"))
            .example(new KeywordFrequency("garden", 1, "at least"))
            .conflict(ResponseLanguage.ID, "the keywords are English words")
            .hardness(0.5)
            .phrasings("In your response, the word {keyword} should appear {relation} {frequency} times.",
                    "Use the word {keyword} {relation} {frequency} {times}.",
                    "The word {keyword} must occur {relation} {frequency} {times} in your answer.")
            .synthesis(300, () -> new KeywordFrequencySketch<>(KeywordRegex::count, (keyword, frequency, relation) -> new KeywordFrequency(keyword, frequency, relation.text())))
            .build();

    public KeywordFrequency {
        Kwargs.regex("keyword", keyword, PyRegex.IGNORECASE);
    }

    private static KeywordFrequency parse(Kwargs k) {
        return new KeywordFrequency(k.strippedString("keyword"), k.integer("frequency", 0, Kwargs.RANDOM_IF_NEGATIVE),
                k.oneOf("relation", List.of("less than", "at least")));
    }

    public ConstraintType<KeywordFrequency> type() { return TYPE; }

    public String description() {
        return "In your response, the word " + keyword + " should appear " + frequency + " times.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("keyword", keyword, "frequency", frequency, "relation", relation);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        int count = KeywordRegex.count(keyword, response);
        return relation.equals("less than") ? count < frequency : count >= frequency;
    }

    /** The same check as IFEval's keywords:frequency, whose spans and edits this one has. */
    public KeywordsFrequency sameAs() {
        return new KeywordsFrequency(keyword, frequency, relation.equals("less than") ? Relation.LESS_THAN : Relation.AT_LEAST);
    }
}
