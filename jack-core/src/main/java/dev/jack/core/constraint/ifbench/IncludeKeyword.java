package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.text.Literals;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;

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
        List<String> sentences = text.sentences(response);
        if (sentences.size() < n || sentences.isEmpty()) return false;
        String sentence = n == 0 ? sentences.getLast() : sentences.get(n - 1);
        return Literals.containsWholeWordIgnoreCase(sentence, word);
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
