package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** count:count_unique — no NLTK word token (punctuation tokens included, case-sensitive) occurs twice. */
public record CountUnique() implements Constraint {
    public static final String ID = "count:count_unique";

    public static final ConstraintType<CountUnique> TYPE = ConstraintType.builder(ID, CountUnique::parse)
            .example(new CountUnique())
            .analyses(TextAnalysis.WORD_TOKENS)
            .alone("no word may repeat, which other constraints' words would")
            .hardness(0.6)
            .phrasings("Only use unique words in your response, no word should be repeated!",
                    "Do not repeat any word in your answer, not even a short one.",
                    "Every word and punctuation mark in your response must be different from all the others.")
            .synthesis(500, () -> Sampling.INSTANCE)
            .build();

    private static CountUnique parse(Kwargs k) {
        return new CountUnique();
    }

    public ConstraintType<CountUnique> type() { return TYPE; }

    public String description() {
        return "Only use unique words in your response, no word should be repeated!";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> words = text.wordTokenize(response);
        return new HashSet<>(words).size() == words.size();
    }

    /** Failed: each word token that occurred before; passed: the whole text. */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> repeats = repeats(response, text);
        if (repeats.isEmpty()) return List.of(new Span(0, response.length(), "no token repeats"));
        return Edits.numbered(repeats, "repeated token");
    }

    /** Where each token that occurred before lies. */
    private static List<int[]> repeats(String response, TextTools text) {
        List<String> tokens = text.wordTokenize(response);
        List<int[]> at = Edits.locate(response, tokens);
        Set<String> seen = new HashSet<>();
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) if (!seen.add(tokens.get(i)) && at.get(i) != null) out.add(at.get(i));
        return out;
    }

    /** The first word repeated at the end. */
    public List<Edit> breaks(String response, TextTools text) {
        List<String> tokens = text.wordTokenize(response);
        if (tokens.isEmpty()) return List.of();
        return Edits.verified(List.of(new Edit("repeat_word", Edits.appended(response, tokens.getFirst()))), r -> !isFollowedBy(r, text));
    }

    /** Every repeated token cut. */
    public List<Edit> repairs(String response, TextTools text) {
        return Edits.verified(List.of(new Edit("remove_repeats", Edits.cutAll(response, repeats(response, text)))), r -> isFollowedBy(r, text));
    }

    /** One pool sentence whose tokens are all different (a pool that has none is dropped). */
    private enum Sampling implements Sketch<CountUnique> {
        INSTANCE;

        public void content(Draft d) {
            CountUnique check = new CountUnique();
            String text = d.chainPool(s -> check.isFollowedBy(s, d.text()), 1);
            if (!text.isEmpty()) d.witness().setText(text);
        }

        public CountUnique finish(Draft d) {
            return new CountUnique();
        }
    }
}
