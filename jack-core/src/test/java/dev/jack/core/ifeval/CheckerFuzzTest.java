package dev.jack.core.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintRegistry;
import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.TextTools;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** No checker may throw, whatever a model writes: random texts from an alphabet of troublesome characters. */
class CheckerFuzzTest {
    private static final String ALPHABET = "aZ .,!?;:'\"*-_#@[](){}<>\n\n\t\r\u00a0\u2028\u0301\u0308é日😀\uD800\\/0123"
            + "PpSs***<<>>******\u0130\u212a\u00df\u0663";

    @Test
    void everyCheckerAnswersOnArbitraryText() {
        TextTools text = new TextTools(() -> new PunktParameters(Set.of("dr"), Set.of(), Set.of(), Map.of()));
        List<Constraint> all = new ArrayList<>();
        for (String id : ConstraintRegistry.ids()) all.add(ConstraintRegistry.create(id, kwargsFor(id)));
        Verifier verifier = new Verifier(text);
        Random random = new Random(12);
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(120); k > 0; k--) b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            Verdicts v = verifier.verify(all, b.toString());
            assertEquals(all.size(), v.loose().size());
            assertEquals(List.of(), v.errors(), "no checker threw on " + b);
        }
    }

    /** Kwargs that make the checkers work hard on this alphabet; the example's for constraints not listed. */
    private static Map<String, Object> kwargsFor(String id) {
        return switch (id) {
            case "keywords:existence" -> Map.of("keywords", List.of("a", "p.s"));
            case "keywords:frequency" -> Map.of("keyword", "a", "frequency", 2, "relation", "at least");
            case "keywords:forbidden_words" -> Map.of("forbidden_words", List.of("a", "-"));
            case "keywords:letter_frequency" -> Map.of("letter", "a", "let_frequency", 2, "let_relation", "less than");
            case "language:response_language" -> Map.of("language", "en");
            case "length_constraints:number_sentences" -> Map.of("num_sentences", 2, "relation", "at least");
            case "length_constraints:number_paragraphs" -> Map.of("num_paragraphs", 2);
            case "length_constraints:number_words" -> Map.of("num_words", 5, "relation", "less than");
            case "length_constraints:nth_paragraph_first_word" -> Map.of("num_paragraphs", 2, "nth_paragraph", 2, "first_word", "a");
            case "detectable_content:number_placeholders" -> Map.of("num_placeholders", 1);
            case "detectable_content:postscript" -> Map.of("postscript_marker", "P.S.");
            case "detectable_format:number_bullet_lists" -> Map.of("num_bullets", 1);
            case "detectable_format:number_highlighted_sections" -> Map.of("num_highlights", 1);
            case "detectable_format:multiple_sections" -> Map.of("section_spliter", "S", "num_sections", 1);
            case "combination:repeat_prompt" -> Map.of("prompt_to_repeat", "aZ");
            case "startend:end_checker" -> Map.of("end_phrase", "a?");
            case "change_case:capital_word_frequency" -> Map.of("capital_frequency", 1, "capital_relation", "at least");
            default -> ConstraintRegistry.type(id).example().kwargs();
        };
    }
}
