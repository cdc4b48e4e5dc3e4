package dev.jack.core.constraint;

import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/** change_case:english_lowercase — all lowercase letters, and English (undetectable text passes). */
public record EnglishLowercase() implements Constraint {
    public static final String ID = "change_case:english_lowercase";

    static EnglishLowercase parse(Kwargs k) {
        return new EnglishLowercase();
    }

    public String id() { return ID; }

    public String description() {
        return "Your entire response should be in English, and in all lowercase letters. No capital letters are allowed.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return PyText.isLower(response) && text.detectLanguage(response).map("en"::equals).orElse(true);
    }

    public Map<String, Object> kwargs() { return Map.of(); }
}
