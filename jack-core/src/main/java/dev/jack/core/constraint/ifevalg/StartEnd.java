package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.Vocabulary;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/** keywords:start_end — the first and last NLTK word tokens are equal ignoring case, so a final "." fails. */
public record StartEnd() implements Constraint {
    public static final String ID = "keywords:start_end";

    public static final ConstraintType<StartEnd> TYPE = ConstraintType.builder(ID, StartEnd::parse)
            .example(new StartEnd())
            .analyses(TextAnalysis.WORD_TOKENS)
            .alone("its first and last words are fixed, which other constraints' openings and endings would break")
            .hardness(0.5)
            .phrasings("Start and end your response with the same word (do not write anything after the last word, not even punctuation).",
                    "Your answer must begin and end with the same word, with no punctuation after the last one.",
                    "Make the first and the last word of your response identical, and put nothing after that last word.")
            .synthesis(500, () -> Sampling.INSTANCE)
            .build();

    private static StartEnd parse(Kwargs k) {
        return new StartEnd();
    }

    public ConstraintType<StartEnd> type() { return TYPE; }

    public String description() {
        return "Start and end your response with the same word (do not write anything after the last word, not even punctuation).";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> words = text.wordTokenize(response);
        return words.size() >= 2 && PyText.lower(words.getFirst()).equals(PyText.lower(words.getLast()));
    }

    /** The first and the last word tokens. */
    public List<Span> spans(String response, TextTools text) {
        List<String> tokens = text.wordTokenize(response);
        if (tokens.isEmpty()) return List.of(Span.missing(0, "no words"));
        int first = response.indexOf(tokens.getFirst());
        int last = response.lastIndexOf(tokens.getLast());
        boolean ok = isFollowedBy(response, text);
        List<Span> out = new ArrayList<>(2);
        if (first >= 0) out.add(new Span(first, first + tokens.getFirst().length(), "first word"));
        if (last > first) out.add(new Span(last, last + tokens.getLast().length(), ok ? "last word, the same" : "last word, not the first"));
        return out;
    }

    /** A sentence added at the end (its full stop the last token). */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(Edits.fillers(response, 1).stream().map(s -> new Edit("add_sentence", Edits.appended(response, s))).toList(), r -> !isFollowedBy(r, text));
    }

    /** The punctuation after the last word removed, or the first word added at the end. */
    public List<Edit> repairs(String response, TextTools text) {
        List<String> tokens = text.wordTokenize(response);
        if (tokens.isEmpty()) return List.of();
        String bare = dev.jack.core.text.PyText.rstrip(response, dev.jack.core.text.PyText.PUNCTUATION_AND_SPACE + "\n\t");
        return Edits.verified(List.of(new Edit("remove_final_punctuation", bare), new Edit("add_first_word", bare + " " + tokens.getFirst())),
                r -> isFollowedBy(r, text));
    }

    /** A keyword, two to four pool sentences, and the keyword again without punctuation. */
    private enum Sampling implements Sketch<StartEnd> {
        INSTANCE;

        public void content(Draft d) {
            String word = d.pick(Vocabulary.KEYWORDS);
            List<String> parts = new ArrayList<>();
            parts.add(Character.toUpperCase(word.charAt(0)) + word.substring(1) + " first.");
            for (int i = d.between(2, 4); i > 0; i--) parts.add(d.sentence());
            parts.add("It all comes back to the " + word);
            d.witness().setText(String.join(" ", parts));
        }

        public StartEnd finish(Draft d) {
            return new StartEnd();
        }
    }
}
