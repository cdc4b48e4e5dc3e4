package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.WordByWord;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.List;

/** words:consonants — every lower-cased whitespace word has two adjacent ASCII consonants (y included). */
public record ConsonantCluster() implements WordByWord {
    public static final String ID = "words:consonants";

    public static final ConstraintType<ConsonantCluster> TYPE = ConstraintType.builder(ID, ConsonantCluster::parse)
            .example(new ConsonantCluster())
            .alone("every word needs a consonant cluster, which other constraints' words do not have")
            .hardness(0.8)
            .phrasings("Ensure each word in your response has at least one consonant cluster (two or more consonants together).",
                    "Use only words that contain two or more consonants in a row.",
                    "Every word you write must include a consonant cluster, such as str, ch or nd.")
            .synthesis(500, () -> Sampling.INSTANCE)
            .build();

    private static final String CONSONANTS = "bcdfghjklmnpqrstvwxyz";

    private static ConsonantCluster parse(Kwargs k) {
        return new ConsonantCluster();
    }

    public ConstraintType<ConsonantCluster> type() { return TYPE; }

    public String description() {
        return "Ensure each word in your response has at least one consonant cluster (two or more consonants together).";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        // The words read in place, one at a time: the first without a cluster ends the scan.
        String words = PyText.lower(response);
        int end = 0;
        for (int start; (start = PyText.wordStart(words, end)) < words.length(); ) {
            end = PyText.wordEnd(words, start);
            boolean cluster = false;
            for (int i = start; i + 1 < end && !cluster; i++) {
                cluster = CONSONANTS.indexOf(words.charAt(i)) >= 0 && CONSONANTS.indexOf(words.charAt(i + 1)) >= 0;
            }
            if (!cluster) return false;
        }
        return true;
    }

    /** Sentences in which every word has a consonant cluster. */
    private static final List<String> SENTENCES = List.of("Strong winds crossed thick black fields.", "Bright stars shine through dark nights.",
            "Crisp frost spreads across green grass.", "Small ships drift past stony cliffs.", "Children played with fresh snowballs.",
            "Strange clocks strike twelve.", "Thick mist drifts through northern glens.", "Brave knights stand strong.");

    /** "Go.": its word has no two adjacent consonants. */
    public String failingSentence() { return "Go."; }

    public String failingLabel() { return "word without two adjacent consonants"; }

    /** Three to six of the sentences. */
    private enum Sampling implements Sketch<ConsonantCluster> {
        INSTANCE;

        public void content(Draft d) {
            d.witness().setText(String.join(" ", d.pickDistinct(SENTENCES, d.between(3, 6))));
        }

        public ConsonantCluster finish(Draft d) {
            return new ConsonantCluster();
        }
    }
}
