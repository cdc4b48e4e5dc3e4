package dev.jack.core.constraint;

import dev.jack.core.text.Literals;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;

/** keywords:existence — every keyword (a regular expression, as in IFEval) occurs, ignoring case. */
public record KeywordsExistence(List<String> keywords) implements Constraint {
    public static final String ID = "keywords:existence";

    public KeywordsExistence {
        keywords = List.copyOf(keywords.stream().sorted().toList());
        for (int i = 0; i < keywords.size(); i++) Kwargs.regex("keywords[" + i + "]", keywords.get(i), PyRegex.IGNORECASE);
    }

    static KeywordsExistence parse(Kwargs k) {
        return new KeywordsExistence(k.strings("keywords"));
    }

    public String id() { return ID; }

    public String description() {
        return "Include keywords " + PyRepr.list(keywords) + " in the response.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        for (String keyword : keywords) {
            boolean found = PyRegex.isLiteral(keyword)
                    ? Literals.indexOfIgnoreCase(response, keyword, 0) >= 0
                    : PyRegex.cached(keyword, PyRegex.IGNORECASE).matcher(response).find();
            if (!found) return false;
        }
        return true;
    }

    public Map<String, Object> kwargs() { return Map.of("keywords", keywords); }
}
