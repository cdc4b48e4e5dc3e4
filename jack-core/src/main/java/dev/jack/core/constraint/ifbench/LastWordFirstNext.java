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
        for (int i = 0; i + 1 < sentences.size(); i++) {
            List<String> last = PyText.split(PyText.rstrip(sentences.get(i), PyText.PUNCTUATION_AND_SPACE));
            List<String> first = PyText.split(PyText.lstrip(sentences.get(i + 1), PyText.PUNCTUATION_AND_SPACE));
            if (last.isEmpty() || first.isEmpty()) return false;
            if (!PyText.lower(last.getLast()).equals(PyText.lower(first.getFirst()))) return false;
        }
        return true;
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
