package dev.jack.core.constraint;

import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/** change_case:english_capital — all capital letters, and English (undetectable text passes). */
public record EnglishCapital() implements Constraint {
    public static final String ID = "change_case:english_capital";

    static EnglishCapital parse(Kwargs k) {
        return new EnglishCapital();
    }

    public String id() { return ID; }

    public String description() {
        return "Your entire response should be in English, and in all capital letters.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return PyText.isUpper(response) && text.detectLanguage(response).map("en"::equals).orElse(true);
    }

    public Map<String, Object> kwargs() { return Map.of(); }
}
