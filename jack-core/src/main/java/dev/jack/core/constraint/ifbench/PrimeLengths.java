package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.WordByWord;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.List;

/** words:prime_lengths — every whitespace word (ASCII punctuation deleted) has a prime length below 100. */
public record PrimeLengths() implements WordByWord {
    public static final String ID = "words:prime_lengths";

    public static final ConstraintType<PrimeLengths> TYPE = ConstraintType.builder(ID, PrimeLengths::parse)
            .example(new PrimeLengths())
            .alone("every word's length must be prime, which other constraints' words are not")
            .hardness(0.8)
            .phrasings("Use only words with lengths that are prime numbers.",
                    "Every word in your answer must have a prime number of letters (2, 3, 5, 7, ...).",
                    "Write using only words whose length is a prime number.")
            .synthesis(500, () -> Sampling.INSTANCE)
            .build();

    private static PrimeLengths parse(Kwargs k) {
        return new PrimeLengths();
    }

    public ConstraintType<PrimeLengths> type() { return TYPE; }

    public String description() {
        return "Use only words with lengths that are prime numbers.";
    }

    private static boolean isListedPrime(int n) {
        if (n < 2 || n > 97) return false;
        for (int d = 2; d * d <= n; d++) if (n % d == 0) return false;
        return true;
    }

    public boolean isFollowedBy(String response, TextTools text) {
        // The words read one at a time: the first of another length ends the scan. Deleting punctuation (never
        // whitespace) shortens each whitespace word and drops one of punctuation only, so the words are measured in the
        // response itself.
        int end = 0;
        for (int start; (start = PyText.wordStart(response, end)) < response.length(); ) {
            end = PyText.wordEnd(response, start);
            int length = Regions.codePointsWithoutPunctuation(response, start, end);
            if (length > 0 && !isListedPrime(length)) return false;
        }
        return true;
    }

    /** Sentences whose words have 2, 3 or 5 letters. */
    private static final List<String> SENTENCES = List.of("The cat sat on the mat.", "We saw seven green birds.", "Our old dog ran there.",
            "She hid under the table.", "It was quiet and still.", "Trees are green.", "The sun set early.", "Be brave and loyal.");

    /** "Four.": four letters, not a prime. */
    public String failingSentence() { return "Four."; }

    public String failingLabel() { return "word whose length is not a prime"; }

    /** Three to six of the sentences. */
    private enum Sampling implements Sketch<PrimeLengths> {
        INSTANCE;

        public void content(Draft d) {
            d.witness().setText(String.join(" ", d.pickDistinct(SENTENCES, d.between(3, 6))));
        }

        public PrimeLengths finish(Draft d) {
            return new PrimeLengths();
        }
    }
}
