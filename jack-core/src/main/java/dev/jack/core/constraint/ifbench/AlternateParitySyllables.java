package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/**
 * words:odd_even_syllables — the syllable counts (syllapy 0.7.2) of consecutive whitespace words, with
 * ASCII punctuation deleted and lower-cased, alternate between odd and even; words syllapy cannot count
 * (digits) count 0, which is even.
 */
public record AlternateParitySyllables() implements Constraint {
    public static final String ID = "words:odd_even_syllables";

    public static final ConstraintType<AlternateParitySyllables> TYPE = ConstraintType.builder(ID, AlternateParitySyllables::parse)
            .example(new AlternateParitySyllables())
            .analyses(TextAnalysis.SYLLABLES)
            .alone("every pair of neighbouring words is constrained, which other constraints' words would break")
            .hardness(0.85)
            .phrasings("Alternate between words with odd and even numbers of syllables.",
                    "Make each word's syllable count alternate between odd and even.",
                    "No two neighbouring words may both have an odd or both an even number of syllables.")
            .synthesis(500, () -> Sampling.INSTANCE)
            .build();

    private static AlternateParitySyllables parse(Kwargs k) {
        return new AlternateParitySyllables();
    }

    public ConstraintType<AlternateParitySyllables> type() { return TYPE; }

    public String description() {
        return "Alternate between words with odd and even numbers of syllables.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        // The reference's str.split() words, read one at a time, so that the first pair of one parity ends the scan.
        String words = PyText.lower(PyText.removePunctuation(response));
        int previous = 0;
        boolean first = true;
        int end = 0;
        for (int start; (start = PyText.wordStart(words, end)) < words.length(); ) {
            end = PyText.wordEnd(words, start);
            int parity = text.syllables(words.substring(start, end)) % 2;
            if (!first && parity == previous) return false;
            previous = parity;
            first = false;
        }
        return true;
    }

    /** Words of one syllable and of two, as candidates (checked against syllapy's counts when used). */
    private static final List<String> ONE = List.of("cat", "dog", "sun", "tree", "bird", "rain", "wind", "light", "stone", "moon", "sky", "sea");
    private static final List<String> TWO = List.of("garden", "river", "window", "yellow", "morning", "silver", "table", "happy", "purple",
            "meadow", "candle", "pillow");

    /** One sentence of 10 to 20 words, alternating the two lists from a random one. */
    private enum Sampling implements Sketch<AlternateParitySyllables> {
        INSTANCE;

        public void content(Draft d) {
            List<List<String>> byParity = List.of(withParity(ONE, 1, d), withParity(TWO, 0, d));
            int parity = d.nextInt(2);
            List<String> words = new ArrayList<>();
            for (int i = d.between(10, 20); i > 0; i--, parity = 1 - parity) words.add(d.pick(byParity.get(parity)));
            String text = String.join(" ", words) + ".";
            d.witness().setText(Character.toUpperCase(text.charAt(0)) + text.substring(1));
        }

        private static List<String> withParity(List<String> words, int parity, Draft d) {
            return words.stream().filter(w -> d.text().syllables(w) % 2 == parity).toList();
        }

        public AlternateParitySyllables finish(Draft d) {
            return new AlternateParitySyllables();
        }
    }
}
