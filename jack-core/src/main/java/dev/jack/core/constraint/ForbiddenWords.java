package dev.jack.core.constraint;

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

    private static String wholeWord(String word) {
        return "\\b" + word + "\\b";
    }

    static ForbiddenWords parse(Kwargs k) {
        return new ForbiddenWords(k.strings("forbidden_words"));
    }

    public String id() { return ID; }

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
}
