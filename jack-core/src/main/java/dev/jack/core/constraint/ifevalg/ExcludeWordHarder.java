package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.text.TextTools;

import java.util.Map;

/** keywords:exclude_word_harder — the keyword never occurs with a space on both sides (case-sensitive). */
public record ExcludeWordHarder(String keyword) implements Constraint {
    public static final String ID = "keywords:exclude_word_harder";

    public static final ConstraintType<ExcludeWordHarder> TYPE = ConstraintType.builder(ID, ExcludeWordHarder::parse)
            .parameters(Parameter.string("keyword"))
            .example(new ExcludeWordHarder("garden"))
            .hardness(0.15)
            .phrasings("Do not include keyword {keyword} in the response.",
                    "Never use the word {keyword} in your answer.",
                    "Avoid the word {keyword} entirely.")
            .synthesis(300, Sampling::new)
            .build();

    private static ExcludeWordHarder parse(Kwargs k) {
        // The reference draws the keyword from "instruction" only when keyword is missing, which Jack rejects.
        k.ignore("instruction");
        return new ExcludeWordHarder(k.strippedString("keyword"));
    }

    public ConstraintType<ExcludeWordHarder> type() { return TYPE; }

    public String description() {
        return "Do not include keyword " + keyword + " in the response.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("keyword", keyword);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return !response.contains(" " + keyword + " ");
    }

    /** A fresh keyword, which the witness never has. */
    private static final class Sampling implements Sketch<ExcludeWordHarder> {
        private String keyword;

        public void vocabulary(Draft d) {
            keyword = d.freshKeywords(1).getFirst();
        }

        public ExcludeWordHarder finish(Draft d) {
            return new ExcludeWordHarder(keyword);
        }
    }
}
