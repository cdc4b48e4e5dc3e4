package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.List;

/**
 * ratio:sentence_words — exactly three Punkt sentences of the same stripped length. The reference
 * never checks that the words differ.
 */
public record SentenceCharacterCount() implements Constraint {
    public static final String ID = "ratio:sentence_words";

    public static final ConstraintType<SentenceCharacterCount> TYPE = ConstraintType.builder(ID, SentenceCharacterCount::parse)
            .example(new SentenceCharacterCount())
            .analyses(TextAnalysis.SENTENCES)
            .alone("exactly three sentences of equal length leave no room for other constraints' sentences")
            .hardness(0.85)
            .phrasings("Respond with three sentences, all containing the same number of characters but using all different words.",
                    "Write exactly three sentences of identical length in characters, with no word used twice.",
                    "Your answer must be three sentences that each have the same number of characters and share no words.")
            .synthesis(500, () -> Sampling.INSTANCE)
            .build();

    private static SentenceCharacterCount parse(Kwargs k) {
        return new SentenceCharacterCount();
    }

    public ConstraintType<SentenceCharacterCount> type() { return TYPE; }

    public String description() {
        return "Respond with three sentences, all containing the same number of characters but using all different words.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        // Counted first: most responses have another number of sentences, and need none made.
        if (text.countSentences(response) != 3) return false;
        List<String> sentences = text.sentences(response);
        int length = PyText.length(PyText.strip(sentences.getFirst()));
        return sentences.stream().allMatch(s -> PyText.length(PyText.strip(s)) == length);
    }

    /** Short sentences grouped by length in characters (16, 17, 18, 19), their words different within a group. */
    private static final List<List<String>> SAME_LENGTH = List.of(
            List.of("The sea is calm.", "Waves hit rocks.", "Ships sail away.", "Tea warms hands.", "Clouds drift by.", "Rivers run fast.", "Farms grow corn."),
            List.of("Birds flew south.", "Rain fell softly.", "Wind moved trees.", "Cats nap at noon.", "Dogs bark loudly.", "Bees buzz around.",
                    "Leaves turn gold.", "Lamps glow dimly.", "Bells ring often."),
            List.of("The sky was clear.", "Kids play outside.", "Bread smells good.", "Roses bloom early.", "Boats rock gently."),
            List.of("Snow covered hills.", "Stars shine bright.", "Frogs sing at dusk.", "Owls hoot at night."));

    /** Three sentences of one length. */
    private enum Sampling implements Sketch<SentenceCharacterCount> {
        INSTANCE;

        public void content(Draft d) {
            d.witness().setText(String.join(" ", d.pickDistinct(d.pick(SAME_LENGTH), 3)));
        }

        public SentenceCharacterCount finish(Draft d) {
            return new SentenceCharacterCount();
        }
    }
}
