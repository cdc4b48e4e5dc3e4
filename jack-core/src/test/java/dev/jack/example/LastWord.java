package dev.jack.example;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.ParameterException;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.ifeval.EndChecker;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.TextTools;

import java.util.Map;

/**
 * example:last_word — the response's last word (its last run of letters and digits) is the given word,
 * ignoring case. A constraint written outside Jack, against its public API only, as a user's jar would
 * be: one file, listed by {@link ExampleCatalog}.
 */
public record LastWord(String word) implements Constraint {
    public static final String ID = "example:last_word";

    public LastWord {
        if (word.isEmpty() || !word.chars().allMatch(Character::isLetterOrDigit)) {
            throw new ParameterException("word", "must be one word of letters and digits, got \"" + word + "\"");
        }
    }

    public static final ConstraintType<LastWord> TYPE = ConstraintType.builder(ID, LastWord::parse)
            .parameters(new Parameter("word", "one word of letters and digits"))
            .example(new LastWord("tomorrow"))
            .conflict(EndChecker.ID, "both decide how the response ends")
            .conflict(ResponseLanguage.ID, "the word is English")
            .hardness(0.4)
            .phrasings("End your response with the word {word}.",
                    "The last word of your answer must be \"{word}\".",
                    "Make {word} the very last word of your response.")
            // After IFEval's postscript (210), so the closing line follows it.
            .synthesis(300, Sampling::new)
            .build();

    private static LastWord parse(Kwargs k) {
        return new LastWord(k.strippedString("word"));
    }

    public ConstraintType<LastWord> type() { return TYPE; }

    public String description() {
        return "End your response with the word " + word + ".";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        int end = response.length();
        while (end > 0 && !Character.isLetterOrDigit(response.charAt(end - 1))) end--;
        int start = end;
        while (start > 0 && Character.isLetterOrDigit(response.charAt(start - 1))) start--;
        return response.substring(start, end).equalsIgnoreCase(word);
    }

    public Map<String, Object> kwargs() { return Map.of("word", word); }

    /** A keyword no other constraint of the prompt uses, in a closing line after the last block. */
    private static final class Sampling implements Sketch<LastWord> {
        private String word;

        public void vocabulary(Draft d) {
            word = d.freshKeywords(1).getFirst();
        }

        public void content(Draft d) {
            d.witness().addBackMatter("That leaves only the " + word + ".");
        }

        public LastWord finish(Draft d) {
            return new LastWord(word);
        }
    }
}
