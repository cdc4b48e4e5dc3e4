package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.KeywordFrequencySketch;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Relation;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.Vocabulary;
import dev.jack.core.text.Literals;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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

    /** Each match of the keyword; with "less than" and too many, those from the N-th on. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.counted(Edits.matches(response, keyword, false), relation, frequency, "keyword " + keyword, Edits.textEnd(response));
    }

    /** Fewer: the words with a match cut, the last first. More (a plain-word keyword): sentences that mention it added. */
    private List<Edit> change(String response, boolean fewer, Predicate<String> done) {
        if (fewer) return Edits.cutFromEnd("remove_keyword", response, Edits.words(response, Edits.matches(response, keyword, false)), done);
        if (!PyRegex.isLiteral(keyword)) return List.of();
        List<String> sentences = Vocabulary.KEYWORD_SENTENCES.stream().map(s -> Edits.inCaseOf(response, s.replace("{}", keyword))).toList();
        return Edits.addUntil("add_keyword", response, sentences, Edits.MAX_ADDED, done);
    }

    public List<Edit> breaks(String response, TextTools text) {
        return change(response, relation == Relation.AT_LEAST, r -> !isFollowedBy(r, text));
    }

    public List<Edit> repairs(String response, TextTools text) {
        return change(response, relation == Relation.LESS_THAN, r -> isFollowedBy(r, text));
    }

    public Map<String, Object> kwargs() {
        return Map.of("keyword", keyword, "frequency", frequency, "relation", relation.text());
    }
}
