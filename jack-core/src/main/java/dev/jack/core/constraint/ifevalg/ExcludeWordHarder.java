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
import dev.jack.core.constraint.Vocabulary;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
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

    /** Each occurrence of the keyword with a space on both sides. */
    public List<Span> spans(String response, TextTools text) {
        List<Span> out = new ArrayList<>();
        String spaced = " " + keyword + " ";
        for (int at = response.indexOf(spaced); at >= 0; at = response.indexOf(spaced, at + 1)) {
            out.add(new Span(at + 1, at + 1 + keyword.length(), "forbidden word " + keyword));
        }
        return out;
    }

    /** A sentence that mentions the keyword, as it is spelled. */
    public List<Edit> breaks(String response, TextTools text) {
        String sentence = Vocabulary.KEYWORD_SENTENCES.getFirst().replace("{}", keyword);
        return Edits.verified(List.of(new Edit("add_keyword", Edits.appended(response, sentence))), r -> !isFollowedBy(r, text));
    }

    /** Every occurrence with a space on both sides cut. */
    public List<Edit> repairs(String response, TextTools text) {
        String spaced = " " + keyword + " ";
        // Each occurrence made one space, again until none is left (a cut can make another: " kw kw " becomes " "),
        // in one forward pass: the first occurrence to end is always cut first, as cutting the first one found and
        // searching again from the start would do at a cost of the text's length per cut.
        StringBuilder edited = new StringBuilder(response.length());
        for (int i = 0; i < response.length(); i++) {
            edited.append(response.charAt(i));
            while (edited.length() >= spaced.length() && edited.indexOf(spaced, edited.length() - spaced.length()) >= 0) {
                edited.setLength(edited.length() - spaced.length() + 1);
            }
        }
        return Edits.verified(List.of(new Edit("remove_keyword", edited.toString())), r -> isFollowedBy(r, text));
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
