package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.PyRepr;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.text.Literals;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;

/** keywords:forbidden_words — none of the words occurs as a whole word, ignoring case. */
public record ForbiddenWords(List<String> forbiddenWords) implements Constraint {
    public static final String ID = "keywords:forbidden_words";

    public ForbiddenWords {
        forbiddenWords = forbiddenWords.stream().distinct().sorted().toList();
        for (int i = 0; i < forbiddenWords.size(); i++) {
            Kwargs.regex("forbidden_words[" + i + "]", wholeWord(forbiddenWords.get(i)), PyRegex.IGNORECASE);
        }
    }

    public static final ConstraintType<ForbiddenWords> TYPE = ConstraintType.builder(ID, ForbiddenWords::parse)
            .parameters(new Parameter("forbidden_words", "list of strings (regular expressions, matched as whole words ignoring case)"))
            .example(new ForbiddenWords(List.of("cheap", "easy")))
            .hardness(0.3)
            .phrasings("Do not include the words {forbidden_words} in your response.",
                    "Avoid using the words {forbidden_words}.",
                    "Your answer must not contain the words {forbidden_words}.")
            .synthesis(190, Sampling::new)
            .build();

    private static String wholeWord(String word) {
        return "\\b" + word + "\\b";
    }

    private static ForbiddenWords parse(Kwargs k) {
        return new ForbiddenWords(k.strings("forbidden_words"));
    }

    public ConstraintType<ForbiddenWords> type() { return TYPE; }

    public String description() {
        return "Do not include keywords " + PyRepr.list(forbiddenWords) + " in the response.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        for (String word : forbiddenWords) {
            boolean found = PyRegex.isLiteral(word)
                    ? Literals.containsWholeWordIgnoreCase(response, word)
                    : PyRegex.cached(wholeWord(word), PyRegex.IGNORECASE).matcher(response).find();
            if (found) return false;
        }
        return true;
    }

    public Map<String, Object> kwargs() { return Map.of("forbidden_words", forbiddenWords); }

    /** Two fresh keywords, and a sentence pool without them. */
    private static final class Sampling implements Sketch<ForbiddenWords> {
        private List<String> words;

        public void vocabulary(Draft d) {
            List<String> banned = words = d.freshKeywords(2);
            d.setPool(d.pool().stream().filter(s -> banned.stream().noneMatch(f -> Literals.containsWholeWordIgnoreCase(s, f))).toList());
        }

        public ForbiddenWords finish(Draft d) {
            return new ForbiddenWords(words);
        }
    }
}
