package dev.jack.core.constraint;

import dev.jack.core.text.LanguageDetector;
import dev.jack.core.text.TextTools;

import java.util.Map;

/** language:response_language — langdetect identifies the response as the language (undetectable text passes). */
public record ResponseLanguage(String language) implements Constraint {
    public static final String ID = "language:response_language";

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("en", "English"), Map.entry("es", "Spanish"), Map.entry("pt", "Portuguese"),
            Map.entry("ar", "Arabic"), Map.entry("hi", "Hindi"), Map.entry("fr", "French"),
            Map.entry("ru", "Russian"), Map.entry("de", "German"), Map.entry("ja", "Japanese"),
            Map.entry("it", "Italian"), Map.entry("bn", "Bengali"), Map.entry("uk", "Ukrainian"),
            Map.entry("th", "Thai"), Map.entry("ur", "Urdu"), Map.entry("ta", "Tamil"),
            Map.entry("te", "Telugu"), Map.entry("bg", "Bulgarian"), Map.entry("ko", "Korean"),
            Map.entry("pl", "Polish"), Map.entry("he", "Hebrew"), Map.entry("fa", "Persian"),
            Map.entry("vi", "Vietnamese"), Map.entry("ne", "Nepali"), Map.entry("sw", "Swahili"),
            Map.entry("kn", "Kannada"), Map.entry("mr", "Marathi"), Map.entry("gu", "Gujarati"),
            Map.entry("pa", "Punjabi"), Map.entry("ml", "Malayalam"), Map.entry("fi", "Finnish"),
            Map.entry("af", "Afrikaans"), Map.entry("cs", "Czech"), Map.entry("da", "Danish"),
            Map.entry("el", "Greek"), Map.entry("et", "Estonian"), Map.entry("hr", "Croatian"),
            Map.entry("hu", "Hungarian"), Map.entry("id", "Indonesian"), Map.entry("lt", "Lithuanian"),
            Map.entry("lv", "Latvian"), Map.entry("mk", "Macedonian"), Map.entry("nl", "Dutch"),
            Map.entry("no", "Norwegian"), Map.entry("ro", "Romanian"), Map.entry("sk", "Slovak"),
            Map.entry("sl", "Slovenian"), Map.entry("so", "Somali"), Map.entry("sq", "Albanian"),
            Map.entry("sv", "Swedish"), Map.entry("tl", "Tagalog"), Map.entry("tr", "Turkish"),
            Map.entry("zh-cn", "Simplified Chinese"), Map.entry("zh-tw", "Traditional Chinese"));

    public ResponseLanguage {
        if (!LanguageDetector.LANGUAGES.contains(language)) {
            throw new ParameterException("language", "\"" + language + "\" is not a language code langdetect knows ("
                    + String.join(", ", LanguageDetector.LANGUAGES) + ")");
        }
    }

    static ResponseLanguage parse(Kwargs k) {
        return new ResponseLanguage(k.string("language"));
    }

    public String id() { return ID; }

    public String description() {
        return "Your ENTIRE response should be in " + NAMES.get(language) + " language, no other language is allowed.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return text.detectLanguage(response).map(language::equals).orElse(true);
    }

    public Map<String, Object> kwargs() { return Map.of("language", language); }
}
