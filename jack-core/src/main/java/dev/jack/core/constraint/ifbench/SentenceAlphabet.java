package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.List;

/** custom:sentence_alphabet — exactly 26 Punkt sentences whose first words start, lower-cased, with a to z in order. */
public record SentenceAlphabet() implements Constraint {
    public static final String ID = "custom:sentence_alphabet";

    public static final ConstraintType<SentenceAlphabet> TYPE = ConstraintType.builder(ID, SentenceAlphabet::parse)
            .example(new SentenceAlphabet())
            .analyses(TextAnalysis.SENTENCES)
            .build();

    /** The reference's build_description takes and ignores any kwargs. */
    private static SentenceAlphabet parse(Kwargs k) {
        k.ignoreOthers();
        return new SentenceAlphabet();
    }

    public ConstraintType<SentenceAlphabet> type() { return TYPE; }

    public String description() {
        return "Tell me a 26-sentence story where each sentence's first word starts with the letters of the alphabet in order.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        // Counted first: most responses have another number of sentences, and need none made.
        if (text.countSentences(response) != 26) return false;
        List<String> sentences = text.sentences(response);
        for (int i = 0; i < 26; i++) {
            List<String> words = PyText.split(sentences.get(i));
            if (words.isEmpty() || PyText.lower(words.getFirst()).codePointAt(0) != 'a' + i) return false;
        }
        return true;
    }
}
