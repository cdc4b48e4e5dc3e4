package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.Witness;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** change_case:english_lowercase — all lowercase letters, and English (undetectable text passes). */
public record EnglishLowercase() implements Constraint {
    public static final String ID = "change_case:english_lowercase";

    public static final ConstraintType<EnglishLowercase> TYPE = ConstraintType.builder(ID, EnglishLowercase::parse)
            .example(new EnglishLowercase())
            .analyses(TextAnalysis.LANGUAGE)
            .conflict(EnglishCapital.ID, "a response cannot be all lowercase and all capitals")
            .conflict(CapitalWordFrequency.ID, "all-lowercase text has no capital words")
            .conflict(ResponseLanguage.ID, "the case constraints require English")
            .conflict(MultipleSections.ID, "section markers are capitalized")
            .hardness(0.4)
            .phrasings("Your entire response should be in English, and in all lowercase letters. No capital letters are allowed.",
                    "Write your answer in English using only lowercase letters.",
                    "Respond in English without any capital letters.")
            .synthesis(30, () -> Sampling.INSTANCE)
            .build();

    private static EnglishLowercase parse(Kwargs k) {
        return new EnglishLowercase();
    }

    public ConstraintType<EnglishLowercase> type() { return TYPE; }

    public String description() {
        return "Your entire response should be in English, and in all lowercase letters. No capital letters are allowed.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return PyText.isLower(response) && text.detectLanguage(response).map("en"::equals).orElse(true);
    }

    /** Passed: the whole text. Failed: each run of words with capital letters, or the whole text when the language is what fails. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.caseSpans(response, text, PyText.isLower(response), w -> !PyText.lower(w).equals(w), "all lowercase, English", "not in lowercase");
    }

    /** The first word with cased letters capitalized. */
    public List<Edit> breaks(String response, TextTools text) {
        for (int[] w : PyText.wordRuns(response)) {
            String word = response.substring(w[0], w[1]);
            if (PyText.isLower(word)) {
                String capital = word.substring(0, Character.charCount(word.codePointAt(0))).toUpperCase(Locale.ROOT);
                return List.of(new Edit("capitalize_word", Edits.replace(response, w[0], w[0] + Character.charCount(word.codePointAt(0)), capital)));
            }
        }
        return List.of();
    }

    /** The whole text in lowercase. */
    public List<Edit> repairs(String response, TextTools text) {
        return List.of(new Edit("lowercase", PyText.lower(response)));
    }

    public Map<String, Object> kwargs() { return Map.of(); }

    /** The witness in lowercase. */
    private enum Sampling implements Sketch<EnglishLowercase> {
        INSTANCE;

        public void content(Draft d) {
            d.witness().setCase(Witness.Case.LOWER);
        }

        public EnglishLowercase finish(Draft d) {
            return new EnglishLowercase();
        }
    }
}
