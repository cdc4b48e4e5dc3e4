package dev.jack.core.constraint.ifbench;

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

/**
 * words:last_first — each Punkt sentence's last whitespace word (trailing ASCII punctuation and spaces
 * stripped) equals, ignoring case, the next sentence's first word (leading ones stripped).
 */
public record LastWordFirstNext() implements Constraint {
    public static final String ID = "words:last_first";

    public static final ConstraintType<LastWordFirstNext> TYPE = ConstraintType.builder(ID, LastWordFirstNext::parse)
            .example(new LastWordFirstNext())
            .analyses(TextAnalysis.SENTENCES)
            .alone("its sentences chain word to word, which other constraints' sentences would break")
            .hardness(0.75)
            .phrasings("The last word of each sentence must become the first word of the next sentence.",
                    "Start every sentence with the word that ended the sentence before it.",
                    "Chain your sentences: each one begins with the previous sentence's last word.")
            .synthesis(500, () -> Sampling.INSTANCE)
            .build();

    private static LastWordFirstNext parse(Kwargs k) {
        return new LastWordFirstNext();
    }

    public ConstraintType<LastWordFirstNext> type() { return TYPE; }

    public String description() {
        return "The last word of each sentence must become the first word of the next sentence.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> sentences = text.sentences(response);
        // The two words found in place: split(rstrip(a, PUNCTUATION_AND_SPACE))[-1] and
        // split(lstrip(b, PUNCTUATION_AND_SPACE))[0]. The stripped characters are ASCII, so a char is a code point.
        for (int i = 0; i + 1 < sentences.size(); i++) {
            String a = sentences.get(i);
            int lastEnd = PyText.stripEnd(a, 0, PyText.stripPunctuationEnd(a, 0, a.length()));
            if (lastEnd == 0) return false;
            int lastStart = lastEnd;
            while (lastStart > 0 && !PyText.isSpace(a.charAt(lastStart - 1))) lastStart--;
            String b = sentences.get(i + 1);
            int firstStart = PyText.wordStart(b, PyText.stripPunctuationStart(b, 0, b.length()));
            if (firstStart == b.length()) return false;
            if (!sameLowered(a, lastStart, lastEnd, b, firstStart, PyText.wordEnd(b, firstStart))) return false;
        }
        return true;
    }

    /**
     * {@code a[from, to).lower() == b[bFrom, bTo).lower()}: compared in place while both are ASCII (Python lower-cases
     * each character on its own but Σ, so an ASCII prefix lowers to as many chars and a difference there is final),
     * as lower-cased strings from the first non-ASCII char on.
     */
    private static boolean sameLowered(String a, int from, int to, String b, int bFrom, int bTo) {
        int n = Math.min(to - from, bTo - bFrom);
        for (int i = 0; i < n; i++) {
            char x = a.charAt(from + i);
            char y = b.charAt(bFrom + i);
            if ((x | y) >= 128) return PyText.lower(a.substring(from, to)).equals(PyText.lower(b.substring(bFrom, bTo)));
            if (x != y && Character.toLowerCase(x) != Character.toLowerCase(y)) return false;
        }
        // One is a prefix of the other: equal only when the longer one's rest lowers to nothing, which no char does.
        return to - from == bTo - bFrom;
    }

    /** Each two neighbouring sentences that break the chain (checked as a text of their own), or the whole text when none do. */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> sentences = text.sentenceSpans(response);
        List<int[]> broken = new ArrayList<>();
        for (int i = 0; i + 1 < sentences.size(); i++) {
            int[] pair = {sentences.get(i)[0], sentences.get(i + 1)[1]};
            if (!isFollowedBy(response.substring(pair[0], pair[1]), text)) broken.add(pair);
        }
        return Edits.failingOrWhole(response, broken, "the last word does not start the next sentence", "each sentence starts with the last word");
    }

    /** A sentence added that does not start with the last word. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(Edits.addUntil("add_sentence", response, List.of("That is all."), 1, r -> !isFollowedBy(r, text)), r -> !isFollowedBy(r, text));
    }

    /** The sentences cut from the end until they chain. */
    public List<Edit> repairs(String response, TextTools text) {
        return Edits.verified(Edits.bySentences(response, text, true, r -> isFollowedBy(r, text)), r -> isFollowedBy(r, text));
    }

    private static final List<String> LINKS = List.of(" leads to the ", " stands beside the ", " comes before the ", " reminds us of the ");

    /** Three to six sentences "Garden leads to the river. River stands beside the ..." over distinct keywords. */
    private enum Sampling implements Sketch<LastWordFirstNext> {
        INSTANCE;

        public void content(Draft d) {
            List<String> words = d.pickDistinct(Vocabulary.KEYWORDS, d.between(4, 7));
            List<String> sentences = new ArrayList<>();
            for (int i = 0; i + 1 < words.size(); i++) {
                String first = words.get(i);
                sentences.add(Character.toUpperCase(first.charAt(0)) + first.substring(1) + d.pick(LINKS) + words.get(i + 1) + ".");
            }
            d.witness().setText(String.join(" ", sentences));
        }

        public LastWordFirstNext finish(Draft d) {
            return new LastWordFirstNext();
        }
    }
}
