package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.Comparator;
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

    /** Each match of either keyword, and where missing ones would go. */
    public List<Span> spans(String response, TextTools text) {
        int end = Edits.textEnd(response);
        List<Span> out = new ArrayList<>(Edits.exactly(Edits.matches(response, keyword1, false), 1, "keyword1 " + keyword1, end));
        out.addAll(Edits.exactly(Edits.matches(response, keyword2, false), 2, "keyword2 " + keyword2, end));
        out.sort(Comparator.comparingInt(Span::start));
        return out;
    }

    /** keyword1 cut or added once more; keyword2 cut to once or added a third time. */
    public List<Edit> breaks(String response, TextTools text) {
        List<Edit> out = new ArrayList<>(4);
        for (int k : new int[] {0, 2}) out.add(edit("keyword1", response, keyword1, k));
        for (int k : new int[] {1, 3}) out.add(edit("keyword2", response, keyword2, k));
        return Edits.verified(out, r -> !isFollowedBy(r, text));
    }

    /** keyword1 brought to one match, then keyword2 to two. */
    public List<Edit> repairs(String response, TextTools text) {
        String once = Edits.withCount(response, keyword1, 1);
        String both = once == null ? null : Edits.withCount(once, keyword2, 2);
        return both == null ? List.of() : Edits.verified(List.of(new Edit("count_keywords", both)), r -> isFollowedBy(r, text));
    }

    /** The response with one keyword's matches brought to k (as the operation {@code change_keyword1} ...), or null. */
    private static Edit edit(String which, String response, String keyword, int k) {
        String edited = Edits.withCount(response, keyword, k);
        return edited == null ? null : new Edit("change_" + which, edited);
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
