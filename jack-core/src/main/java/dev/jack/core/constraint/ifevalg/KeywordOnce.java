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
import java.util.List;
import java.util.Map;

/** keywords:word_once — the keyword (a case-insensitive regular expression, matching anywhere) matches exactly once. */
public record KeywordOnce(String keyword) implements Constraint {
    public static final String ID = "keywords:word_once";

    public static final ConstraintType<KeywordOnce> TYPE = ConstraintType.builder(ID, KeywordOnce::parse)
            .parameters(Parameter.string("keyword"))
            .example(new KeywordOnce("harbor"))
            .conflict(ResponseLanguage.ID, "the keywords are English words")
            .hardness(0.3)
            .phrasings("Include keyword {keyword} in your response.",
                    "Use the word {keyword} exactly once in your answer.",
                    "Mention {keyword} once, and only once.")
            .synthesis(300, Sampling::new)
            .build();

    public KeywordOnce {
        Kwargs.regex("keyword", keyword, PyRegex.IGNORECASE);
    }

    private static KeywordOnce parse(Kwargs k) {
        return new KeywordOnce(k.strippedString("keyword"));
    }

    public ConstraintType<KeywordOnce> type() { return TYPE; }

    public String description() {
        return "Include keyword " + keyword + " in your response.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("keyword", keyword);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return KeywordRegex.count(keyword, response) == 1;
    }

    /** Each match of the keyword, or where the missing one would go. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.exactly(Edits.matches(response, keyword, false), 1, "keyword " + keyword, Edits.textEnd(response));
    }

    /** The keyword cut, or mentioned once more. */
    public List<Edit> breaks(String response, TextTools text) {
        List<Edit> out = new ArrayList<>(2);
        for (int k : new int[] {0, 2}) out.add(edit(response, k));
        return Edits.verified(out, r -> !isFollowedBy(r, text));
    }

    /** The keyword's extra matches cut, or a sentence that mentions it added. */
    public List<Edit> repairs(String response, TextTools text) {
        return Edits.verified(java.util.Collections.singletonList(edit(response, 1)), r -> isFollowedBy(r, text));
    }

    /** The response with the keyword's matches brought to k, or null. */
    private Edit edit(String response, int k) {
        String edited = Edits.withCount(response, keyword, k);
        return edited == null ? null : new Edit(k == 0 ? "remove_keyword" : k == 1 && Edits.matches(response, keyword, false).size() > 1 ? "remove_keyword" : "add_keyword", edited);
    }

    /** A fresh keyword in one keyword sentence. */
    private static final class Sampling implements Sketch<KeywordOnce> {
        private String keyword;

        public void vocabulary(Draft d) {
            keyword = d.freshKeywords(1).getFirst();
        }

        public void content(Draft d) {
            d.addSentence(d.keywordSentence(keyword));
        }

        public KeywordOnce finish(Draft d) {
            return new KeywordOnce(keyword);
        }
    }
}
