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

/** change_case:english_capital — all capital letters, and English (undetectable text passes). */
public record EnglishCapital() implements Constraint {
    public static final String ID = "change_case:english_capital";

    /** The last pool filtered for capitals, and the result (the pool is the English one in practice). */
    private static volatile Map.Entry<List<String>, List<String>> capitalPool;

    public static final ConstraintType<EnglishCapital> TYPE = ConstraintType.builder(ID, EnglishCapital::parse)
            .example(new EnglishCapital())
            .analyses(TextAnalysis.LANGUAGE)
            .conflict(CapitalWordFrequency.ID, "in all-capital text every word is a capital word")
            .conflict(ResponseLanguage.ID, "the case constraints require English")
            .conflict(MultipleSections.ID, "section markers are matched case-sensitively")
            .hardness(0.35)
            .phrasings("Your entire response should be in English, and in all capital letters.",
                    "Write your whole answer in English using only capital letters.",
                    "Respond in English, in all caps.")
            .synthesis(20, () -> Sampling.INSTANCE)
            .build();

    private static EnglishCapital parse(Kwargs k) {
        return new EnglishCapital();
    }

    public ConstraintType<EnglishCapital> type() { return TYPE; }

    public String description() {
        return "Your entire response should be in English, and in all capital letters.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return PyText.isUpper(response) && text.detectLanguage(response).map("en"::equals).orElse(true);
    }

    /** Passed: the whole text. Failed: each run of words with lowercase letters, or the whole text when the language is what fails. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.caseSpans(response, text, PyText.isUpper(response), w -> !w.toUpperCase(Locale.ROOT).equals(w), "all capitals, English", "not in capitals");
    }

    /** The last word with cased letters lowercased. */
    public List<Edit> breaks(String response, TextTools text) {
        List<int[]> words = PyText.wordRuns(response);
        for (int i = words.size() - 1; i >= 0; i--) {
            String word = response.substring(words.get(i)[0], words.get(i)[1]);
            if (PyText.isUpper(word)) return List.of(new Edit("lowercase_word", Edits.replace(response, words.get(i)[0], words.get(i)[1], PyText.lower(word))));
        }
        return List.of();
    }

    /** The whole text in capitals. */
    public List<Edit> repairs(String response, TextTools text) {
        return List.of(new Edit("uppercase", response.toUpperCase(Locale.ROOT)));
    }

    public Map<String, Object> kwargs() { return Map.of(); }

    /** The witness in capitals, from the pool sentences that langdetect still reads as English so. */
    private enum Sampling implements Sketch<EnglishCapital> {
        INSTANCE;

        public void vocabulary(Draft d) {
            d.setPool(capitalEnglish(d.pool(), d.text()));
        }

        public void content(Draft d) {
            d.witness().setCase(Witness.Case.UPPER);
        }

        public EnglishCapital finish(Draft d) {
            return new EnglishCapital();
        }

        /**
         * The sentences that langdetect still reads as English (or cannot read) once they are in capitals:
         * it ignores letters after the first of each all-capital word, so some sentences lose it.
         */
        private static List<String> capitalEnglish(List<String> pool, TextTools text) {
            Map.Entry<List<String>, List<String>> cached = capitalPool;
            if (cached == null || cached.getKey() != pool) {
                List<String> kept = pool.stream()
                        .filter(s -> text.detectLanguage(s.toUpperCase(Locale.ROOT)).map("en"::equals).orElse(true))
                        .toList();
                cached = Map.entry(pool, kept);
                capitalPool = cached;
            }
            return cached.getValue();
        }
    }
}
