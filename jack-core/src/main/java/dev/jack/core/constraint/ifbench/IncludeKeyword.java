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
import dev.jack.core.text.Literals;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * sentence:keyword — the N-th Punkt sentence contains {@code word} as a whole word, ignoring case.
 * N = 0 checks the last sentence, as the reference's index -1 does.
 */
public record IncludeKeyword(String word, int n) implements Constraint {
    public static final String ID = "sentence:keyword";

    public static final ConstraintType<IncludeKeyword> TYPE = ConstraintType.builder(ID, IncludeKeyword::parse)
            .parameters(Parameter.string("word"), Parameter.integer("N", 0))
            .example(new IncludeKeyword("fleetness", 8))
            .analyses(TextAnalysis.SENTENCES)
            .hardness(0.5)
            .phrasings("The response must include keyword \"{word}\" in the {N}-th sentence.",
                    "Use the word \"{word}\" in sentence number {N} of your answer.",
                    "Sentence {N} of your response must contain the keyword \"{word}\".")
            .synthesis(900, () -> Sampling.INSTANCE)
            .build();

    private static IncludeKeyword parse(Kwargs k) {
        return new IncludeKeyword(k.nonEmpty("word"), k.integer("N", 0, Kwargs.RANDOM_IF_NEGATIVE));
    }

    public ConstraintType<IncludeKeyword> type() { return TYPE; }

    public String description() {
        return "The response must include keyword \"" + word + "\" in the " + n + "-th sentence.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("word", word, "N", n);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        // A Punkt sentence's neighbours in the text are never word characters (it ends after [.?!], closing punctuation
        // or the text's last non-space, and starts after whitespace, [.?!], closing punctuation or at the text's start),
        // so \b is the same in the sentence as in the text: a text without the word needs no sentences.
        if (!Literals.containsWholeWordIgnoreCase(response, word)) return false;
        String sentence;
        if (n == 0) {
            List<String> sentences = text.sentences(response);
            sentence = sentences.isEmpty() ? null : sentences.getLast();
        } else {
            sentence = text.sentence(response, n - 1);
        }
        return sentence != null && Literals.containsWholeWordIgnoreCase(sentence, word);
    }

    /** The N-th Punkt sentence (the last for N = 0), as {@code [start, end)}, or null when there is none. */
    private int[] sentence(String response, TextTools text) {
        List<int[]> sentences = text.sentenceSpans(response);
        if (sentences.isEmpty() || sentences.size() < n) return null;
        return n == 0 ? sentences.getLast() : sentences.get(n - 1);
    }

    /** The sentence, or where it would go. */
    public List<Span> spans(String response, TextTools text) {
        int[] s = sentence(response, text);
        if (s == null) return List.of(Span.missing(Edits.textEnd(response), "no sentence " + (n == 0 ? "at all" : n)));
        return List.of(new Span(s[0], s[1], "sentence " + (n == 0 ? "last" : n) + (isFollowedBy(response, text) ? ", with " : ", without ") + word));
    }

    /** The word cut from the sentence, or a sentence added that moves the one checked. */
    public List<Edit> breaks(String response, TextTools text) {
        int[] s = sentence(response, text);
        List<Edit> out = new ArrayList<>();
        if (s != null) {
            java.util.regex.Matcher m = Pattern.compile("(?iu)(?<![\\w])" + Pattern.quote(word) + "(?![\\w])").matcher(response).region(s[0], s[1]);
            List<int[]> found = new ArrayList<>();
            while (m.find()) found.add(new int[] {m.start(), m.end()});
            out.add(new Edit("remove_word", Edits.cutAll(response, found)));
        }
        String filler = Edits.fillers(response, 1).getFirst();
        int start = PyText.stripStart(response);
        out.add(new Edit("add_sentence", n == 0 ? Edits.appended(response, filler) : Edits.replace(response, start, start, filler + " ")));
        return Edits.verified(out, r -> !isFollowedBy(r, text));
    }

    /**
     * The word put at the end of the sentence, before its final punctuation, or a sentence with the word put in as the
     * one checked (after neutral sentences where there are too few).
     */
    public List<Edit> repairs(String response, TextTools text) {
        int[] s = sentence(response, text);
        List<Edit> out = new ArrayList<>(2);
        String with = Edits.inCaseOf(response, "It comes down to " + word + ".");
        if (s != null) {
            int at = s[0] + PyText.rstrip(response.substring(s[0], s[1]), PyText.PUNCTUATION).length();
            out.add(new Edit("add_word", Edits.replace(response, at, at, " " + word)));
            out.add(new Edit("add_sentence", n == 0 ? Edits.appended(response, with) : Edits.replace(response, s[0], s[0], with + " ")));
        } else if (n - text.sentenceSpans(response).size() <= Edits.MAX_ADDED) {
            List<String> added = new ArrayList<>(Edits.fillers(response, Math.max(0, n - 1 - text.sentenceSpans(response).size())));
            added.add(with);
            out.add(new Edit("add_sentence", Edits.appended(response, String.join(" ", added))));
        }
        return Edits.verified(out, r -> isFollowedBy(r, text));
    }

    /** Read off the final witness: a word of three letters or more from one of its first eight sentences. */
    private enum Sampling implements Sketch<IncludeKeyword> {
        INSTANCE;

        public IncludeKeyword finish(Draft d) {
            String witness = d.witnessText();
            Draft.Position p = d.pickPosition(d.text().sentences(witness), PyText::wordRunTexts, 8, Integer.MAX_VALUE,
                    at -> at.word().length() >= 3 && new IncludeKeyword(PyText.lower(at.word()), at.sentence()).isFollowedBy(witness, d.text()));
            return p == null ? null : new IncludeKeyword(PyText.lower(p.word()), p.sentence());
        }
    }
}
