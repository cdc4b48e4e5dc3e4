package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/**
 * words:alphabet — after ASCII punctuation is deleted, each whitespace word starts with the letter
 * after the previous word's (looping from z to a), compared lower-cased; the first word must start
 * with an ASCII letter.
 */
public record AlphabetLoop() implements Constraint {
    public static final String ID = "words:alphabet";

    public static final ConstraintType<AlphabetLoop> TYPE = ConstraintType.builder(ID, AlphabetLoop::parse)
            .example(new AlphabetLoop())
            .alone("every word's first letter is fixed by the alphabet, leaving no room for other constraints' words")
            .hardness(0.85)
            .phrasings("Each word must start with the next letter of the alphabet, looping back to 'A' after 'Z'.",
                    "Write so that each word begins with the letter after the previous word's first letter, going from Z back to A.",
                    "Make the first letters of your words follow the alphabet, one letter per word, wrapping around after Z.")
            .synthesis(500, () -> Sampling.INSTANCE)
            .build();

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";

    private static AlphabetLoop parse(Kwargs k) {
        return new AlphabetLoop();
    }

    public ConstraintType<AlphabetLoop> type() { return TYPE; }

    public String description() {
        return "Each word must start with the next letter of the alphabet, looping back to 'A' after 'Z'.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        // The words read one at a time: the first out of order ends the scan. With the punctuation deleted, the
        // reference's strip(string.punctuation + ' ') of the text and of each word changes no word and empties none,
        // and a word's lower-cased first character is its first character lower-cased (str.lower() looks at no
        // neighbour but Σ's, and a word-initial Σ becomes σ either way). Deleting punctuation (never whitespace) leaves
        // each whitespace word's other characters in place and drops a word of punctuation only, so the words are read
        // in the response itself, each from its first character that is not punctuation.
        int at = -1;
        int end = 0;
        for (int start; (start = PyText.wordStart(response, end)) < response.length(); ) {
            end = PyText.wordEnd(response, start);
            if (at < 0) {
                int first = Regions.firstCodePointWithoutPunctuation(response, start, end);
                if (first < 0) continue;
                // "letter not in alphabet" is a substring test on the lower-cased first character.
                String letter = PyText.lower(Character.toString(first));
                if (!ALPHABET.contains(letter)) return false;
                at = ALPHABET.indexOf(letter);
            } else {
                int first = Regions.firstLoweredWithoutPunctuation(response, start, end);
                if (first < 0) continue;
                at = (at + 1) % 26;
                if (first != ALPHABET.charAt(at)) return false;
            }
        }
        return at >= 0;
    }

    /**
     * Each two neighbouring words whose letters do not follow (checked as a text of their own), else the whole text,
     * as failing when the checker still fails it (a first word without a letter a to z, a punctuation-only word
     * between) or as passing.
     */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> broken = Edits.failingPairs(response, r -> isFollowedBy(r, text));
        if (broken.isEmpty() && !isFollowedBy(response, text)) return List.of(Edits.whole(response, "not in alphabet order"));
        return Edits.failingOrWhole(response, broken, "letters not in alphabet order", "each word starts with the next letter");
    }

    /** A sentence added whose first word breaks the order. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(Edits.addUntil("add_sentence", response, List.of("Quite so."), 1, r -> !isFollowedBy(r, text)), r -> !isFollowedBy(r, text));
    }

    /** Words cut from the end until the letters follow each other. */
    public List<Edit> repairs(String response, TextTools text) {
        return Edits.verified(Edits.cutFromEnd("remove_words", response, Edits.whitespaceWords(response), r -> isFollowedBy(r, text)),
                r -> isFollowedBy(r, text));
    }

    /** Words for each letter a to z. */
    private static final List<List<String>> WORDS = List.of(List.of("able", "after", "amber"), List.of("bright", "brave", "bold"),
            List.of("calm", "clear", "crisp"), List.of("days", "deep", "dawn"), List.of("evenings", "early", "easy"),
            List.of("feel", "fresh", "fair"), List.of("gentle", "green", "good"), List.of("here", "happy", "hills"),
            List.of("in", "inside", "ideas"), List.of("just", "joyful", "jolly"), List.of("kind", "keen", "kites"),
            List.of("light", "lovely", "late"), List.of("mornings", "mild", "many"), List.of("near", "new", "nice"),
            List.of("over", "open", "old"), List.of("peaceful", "plain", "pale"), List.of("quiet", "quick", "quaint"),
            List.of("rivers", "rest", "round"), List.of("soft", "sunny", "slow"), List.of("trees", "tall", "tender"),
            List.of("under", "upon", "usual"), List.of("valleys", "vast", "vivid"), List.of("warm", "wide", "winds"),
            List.of("xylophones", "xenial"), List.of("yellow", "young", "yet"), List.of("zephyrs", "zest", "zany"));

    /** One sentence of 26 to 40 words from a random letter on. */
    private enum Sampling implements Sketch<AlphabetLoop> {
        INSTANCE;

        public void content(Draft d) {
            int letter = d.nextInt(26);
            List<String> words = new ArrayList<>();
            for (int i = d.between(26, 40); i > 0; i--, letter = (letter + 1) % 26) words.add(d.pick(WORDS.get(letter)));
            String text = String.join(" ", words) + ".";
            d.witness().setText(Character.toUpperCase(text.charAt(0)) + text.substring(1));
        }

        public AlphabetLoop finish(Draft d) {
            return new AlphabetLoop();
        }
    }
}
