package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;

/**
 * count:count_increment_word — keyword1 matches exactly once and keyword2 exactly twice, each a
 * case-insensitive regular expression matching anywhere.
 */
public record CountIncrementWord(String keyword1, String keyword2) implements Constraint {
    public static final String ID = "count:count_increment_word";

    public static final ConstraintType<CountIncrementWord> TYPE = ConstraintType.builder(ID, CountIncrementWord::parse)
            .parameters(Parameter.string("keyword1"), Parameter.string("keyword2"))
            .example(new CountIncrementWord("violin", "garden"))
            .conflict(ResponseLanguage.ID, "the keywords are English words")
            .hardness(0.5)
            .phrasings("Include keyword {keyword1} once in your response, keyword {keyword2} twice in your response.",
                    "Use the word {keyword1} exactly once and the word {keyword2} exactly twice.",
                    "Mention {keyword1} one time and {keyword2} two times, no more.")
            .synthesis(300, Sampling::new)
            .build();

    public CountIncrementWord {
        Kwargs.regex("keyword1", keyword1, PyRegex.IGNORECASE);
        Kwargs.regex("keyword2", keyword2, PyRegex.IGNORECASE);
    }

    private static CountIncrementWord parse(Kwargs k) {
        return new CountIncrementWord(k.strippedString("keyword1"), k.strippedString("keyword2"));
    }

    public ConstraintType<CountIncrementWord> type() { return TYPE; }

    public String description() {
        return "Include keyword " + keyword1 + " once in your response, keyword " + keyword2 + " twice in your response.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("keyword1", keyword1, "keyword2", keyword2);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return KeywordRegex.count(keyword1, response) == 1 && KeywordRegex.count(keyword2, response) == 2;
    }

    /** Two fresh keywords, in one and two keyword sentences. */
    private static final class Sampling implements Sketch<CountIncrementWord> {
        private List<String> keywords;

        public void vocabulary(Draft d) {
            keywords = d.freshKeywords(2);
        }

        public void content(Draft d) {
            d.addSentence(d.keywordSentence(keywords.get(0)));
            d.addSentence(d.keywordSentence(keywords.get(1)));
            d.addSentence(d.keywordSentence(keywords.get(1)));
        }

        public CountIncrementWord finish(Draft d) {
            return new CountIncrementWord(keywords.get(0), keywords.get(1));
        }
    }
}
