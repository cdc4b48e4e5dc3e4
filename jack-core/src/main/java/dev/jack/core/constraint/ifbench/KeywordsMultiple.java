package dev.jack.core.constraint.ifbench;

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
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * count:keywords_multiple — keyword1..keyword5 (stripped) occur exactly 1, 2, 3, 5 and 7 times as
 * lower-cased substrings (non-overlapping) of the lower-cased response.
 */
public record KeywordsMultiple(String keyword1, String keyword2, String keyword3, String keyword4, String keyword5) implements Constraint {
    public static final String ID = "count:keywords_multiple";

    public static final ConstraintType<KeywordsMultiple> TYPE = ConstraintType.builder(ID, KeywordsMultiple::parse)
            .parameters(Parameter.string("keyword1"), Parameter.string("keyword2"), Parameter.string("keyword3"), Parameter.string("keyword4"), Parameter.string("keyword5"))
            .example(new KeywordsMultiple("kaleidoscope", "nebula", "whisper", "labyrinth", "paradox"))
            .conflict(ResponseLanguage.ID, "the keywords are English words")
            .hardness(0.65)
            .phrasings("Include keyword {keyword1} once in your response, keyword {keyword2} twice in your response, keyword {keyword3} three times in your response, keyword {keyword4} five times in your response, and keyword {keyword5} seven times in your response.",
                    "Use the word {keyword1} exactly once, {keyword2} exactly twice, {keyword3} exactly three times, {keyword4} exactly five times and {keyword5} exactly seven times.",
                    "Mention {keyword1} once, {keyword2} twice, {keyword3} three times, {keyword4} five times and {keyword5} seven times, no more and no fewer.")
            .synthesis(400, Sampling::new)
            .build();

    private static final int[] COUNTS = {1, 2, 3, 5, 7};

    private static KeywordsMultiple parse(Kwargs k) {
        return new KeywordsMultiple(PyText.strip(k.string("keyword1")), PyText.strip(k.string("keyword2")),
                PyText.strip(k.string("keyword3")), PyText.strip(k.string("keyword4")), PyText.strip(k.string("keyword5")));
    }

    public ConstraintType<KeywordsMultiple> type() { return TYPE; }

    public String description() {
        return "Include keyword " + keyword1 + " once in your response, keyword " + keyword2 + " twice in your response, keyword "
                + keyword3 + " three times in your response, keyword " + keyword4 + " five times in your response, and keyword "
                + keyword5 + " seven times in your response.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("keyword1", keyword1, "keyword2", keyword2, "keyword3", keyword3, "keyword4", keyword4, "keyword5", keyword5);
    }

    /** keyword1 to keyword5, in order (their counts are {@code COUNTS}). */
    private List<String> keywords() {
        return List.of(keyword1, keyword2, keyword3, keyword4, keyword5);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String lower = PyText.lower(response);
        for (int i = 0; i < 5; i++) if (PyText.count(lower, PyText.lower(keywords().get(i))) != COUNTS[i]) return false;
        return true;
    }

    /** Each keyword's occurrences (exactly 1, 2, 3, 5 and 7 needed), and where missing ones would go. */
    public List<Span> spans(String response, TextTools text) {
        String lower = PyText.lower(response);
        List<Span> out = new ArrayList<>();
        if (lower.length() != response.length()) return out;
        for (int i = 0; i < 5; i++) {
            String keyword = PyText.lower(keywords().get(i));
            List<int[]> found = new ArrayList<>();
            for (int at = keyword.isEmpty() ? -1 : lower.indexOf(keyword); at >= 0; at = lower.indexOf(keyword, at + keyword.length())) {
                found.add(new int[] {at, at + keyword.length()});
            }
            out.addAll(Edits.exactly(found, COUNTS[i], "keyword" + (i + 1) + " " + keywords().get(i), Edits.textEnd(response)));
        }
        out.sort(Comparator.comparingInt(Span::start));
        return out;
    }

    /** One keyword's occurrences brought one below or above its count (plain-word keywords only). */
    public List<Edit> breaks(String response, TextTools text) {
        List<Edit> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String keyword = keywords().get(i);
            if (!PyRegex.isLiteral(keyword) || keyword.isEmpty()) continue;
            for (int k : new int[] {COUNTS[i] - 1, COUNTS[i] + 1}) {
                String edited = Edits.withCount(response, keyword, k);
                if (edited != null) out.add(new Edit("change_keyword" + (i + 1), edited));
            }
        }
        return Edits.verified(out, r -> !isFollowedBy(r, text));
    }

    /** Each keyword's occurrences brought to its count in turn (plain-word keywords only). */
    public List<Edit> repairs(String response, TextTools text) {
        String edited = response;
        for (int i = 0; i < 5 && edited != null; i++) {
            String keyword = keywords().get(i);
            if (!PyRegex.isLiteral(keyword) || keyword.isEmpty()) return List.of();
            edited = Edits.withCount(edited, keyword, COUNTS[i]);
        }
        return edited == null ? List.of() : Edits.verified(List.of(new Edit("count_keywords", edited)), r -> isFollowedBy(r, text));
    }

    /** Five fresh keywords, each in as many keyword sentences as its count asks. */
    private static final class Sampling implements Sketch<KeywordsMultiple> {
        private List<String> keywords;

        public void vocabulary(Draft d) {
            keywords = d.freshKeywords(5);
        }

        public void content(Draft d) {
            for (int i = 0; i < 5; i++) for (int c = 0; c < COUNTS[i]; c++) d.addSentence(d.keywordSentence(keywords.get(i)));
        }

        public KeywordsMultiple finish(Draft d) {
            return new KeywordsMultiple(keywords.get(0), keywords.get(1), keywords.get(2), keywords.get(3), keywords.get(4));
        }
    }
}
