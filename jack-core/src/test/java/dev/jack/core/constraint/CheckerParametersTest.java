package dev.jack.core.constraint;

import dev.jack.core.constraint.ifbench.NthWordJapanese;
import dev.jack.core.constraint.ifbench.PrintMultiples;
import dev.jack.core.constraint.ifbench.UniqueWordCount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IFBench's and IFEvalG's kwargs: bad ones are errors naming the kwarg (missing ones, wrong types, values
 * out of range, and the values for which the reference would draw a random replacement, so its verdicts
 * would be random); wordings follow the references' templates.
 */
class CheckerParametersTest {
    record Bad(String id, Map<String, Object> kwargs, String field, String reasonPart) {
        @Override
        public String toString() {
            return id + " " + kwargs + " -> " + field;
        }
    }

    static Bad bad(String id, Map<String, Object> kwargs, String field, String reasonPart) {
        return new Bad(id, kwargs, field, reasonPart);
    }

    static Stream<Bad> bad() {
        return Stream.of(
                bad("count:word_count_range", Map.of("min_words", 10), "max_words", "is required"),
                bad("count:word_count_range", Map.of("min_words", -1, "max_words", 5), "min_words", "random value for a negative"),
                bad("count:numbers", Map.of("N", 2.5), "N", "must be an integer"),
                bad("count:numbers", Map.of("N", "3"), "N", "must be an integer"),
                bad("ratio:stop_words", Map.of("percentage", "half"), "percentage", "must be a number"),
                bad("count:words_japanese", Map.of("N", 0.0), "N", "divides by it"),
                bad("words:keywords_specific_position", Map.of("keyword", "x", "n", 0, "m", 2), "n", "reads 0 as not given"),
                bad("sentence:keyword", Map.of("word", "", "N", 2), "word", "must not be empty"),
                bad("repeat:repeat_change", Map.of("prompt_to_repeat", ""), "prompt_to_repeat", "must not be empty"),
                bad("format:thesis", Map.of("N", 3), "N", "not a parameter"),
                bad("copy:repeat_phrase", Map.of("phrase", "(a b c", "small_n", 2), "phrase", "cannot compile"),
                bad("copy:repeat_phrase", Map.of("phrase", "The early bird", "small_n", 0), "small_n", "reads 0 as not given"),
                bad("new:copy_span_idx", Map.of("prompt_to_repeat", "abc", "n_start", 0, "n_end", 0), "n_end", "reads 0 as not given"),
                bad("keywords:word_once", Map.of("keyword", "ca(t"), "keyword", "not a valid regular expression"),
                bad("keywords:word_count_different_numbers", Map.of("keyword", "a", "frequency", 2, "relation", "more than"), "relation", "must be one of"),
                bad("letters:letter_counting2", Map.of("letter", "ab", "let_frequency", 2, "let_relation", "at least"), "letter", "one letter"),
                bad("keywords:exclude_word_harder", Map.of(), "keyword", "is required"),
                bad("first_word:first_word_sent", Map.of("first_word", List.of()), "first_word", "must not be empty"),
                bad("count:counting_composition", Map.of("n_sent", 2, "n_words", 0), "n_words", "reads 0 as not given"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void badKwargsNameTheField(Bad b) {
        ParameterException e = assertThrows(ParameterException.class, () -> ConstraintRegistry.create(b.id, b.kwargs));
        assertEquals(b.field, e.field());
        assertTrue(e.reason().contains(b.reasonPart), e.reason());
    }

    @Test
    void nullKwargsCountAsAbsent() {
        Map<String, Object> kwargs = new HashMap<>();
        kwargs.put("N", 5.0);
        kwargs.put("keyword", null);
        kwargs.put("percentage", null);
        assertEquals(new UniqueWordCount(5), ConstraintRegistry.create("count:unique_word_count", kwargs));
    }

    @Test
    void customConstraintsIgnoreKwargsAsTheReferenceDoes() {
        assertEquals(new PrintMultiples(), ConstraintRegistry.create("custom:multiples", Map.of("N", 3)));
        assertEquals("cat", ConstraintRegistry.create("keywords:exclude_word_harder", Map.of("keyword", "cat", "instruction", "x y")).kwargs().get("keyword"));
    }

    @Test
    void unknownIdsListTheKnownOnesOfEveryCatalog() {
        UnknownConstraintException e = assertThrows(UnknownConstraintException.class, () -> ConstraintRegistry.create("copy:copies", Map.of()));
        assertTrue(e.getMessage().contains("count:word_count_range") && e.getMessage().contains("keywords:existence")
                && e.getMessage().contains("copy:copy"), e.getMessage());
    }

    @Test
    void eachIdHasOneSourceAndIfevalsAreSharedByTheOtherTwo() {
        assertTrue(ConstraintRegistry.sources().containsAll(List.of("ifeval", "ifbench", "ifevalg")));
        assertEquals(58, ConstraintRegistry.ids("ifbench").size());
        assertEquals(29, ConstraintRegistry.ids("ifevalg").size());
        assertEquals("ifeval", ConstraintRegistry.source("punctuation:no_comma"));
        assertEquals("ifbench", ConstraintRegistry.source("count:word_count_range"));
        assertEquals("ifevalg", ConstraintRegistry.source("new:copy_span_idx"));
        // IFEvalG's keyword_specific_position and IFBench's keywords_specific_position are different constraints.
        assertEquals("ifevalg", ConstraintRegistry.source("keywords:keyword_specific_position"));
        assertEquals("ifbench", ConstraintRegistry.source("words:keywords_specific_position"));
    }

    @Test
    void descriptionsFollowTheReferenceTemplates() {
        assertEquals("Use at least 36 unique words in the response.",
                ConstraintRegistry.create("count:unique_word_count", Map.of("N", 36.0)).description());
        assertEquals("Ensure that stop words constitute no more than 12.5% of the total words in your response.",
                ConstraintRegistry.create("ratio:stop_words", Map.of("percentage", 12.5)).description());
        assertEquals("Every 21st of your response must be in Japanese.", new NthWordJapanese(21).description());
        assertEquals("Every 5th word of your response must be in Japanese.", new NthWordJapanese(5).description());
        assertEquals("In your response, the word cat should appear 3 times.", ConstraintRegistry
                .create("keywords:word_count_different_numbers", Map.of("keyword", " cat ", "frequency", 3, "relation", "less than")).description());
    }

    @Test
    void kwargsEchoWhatTheCheckerUses() {
        Constraint c = ConstraintRegistry.create("count:keywords_multiple",
                Map.of("keyword1", " a ", "keyword2", "b", "keyword3", "c", "keyword4", "d", "keyword5", "e"));
        assertEquals(java.util.Set.of("keyword1", "keyword2", "keyword3", "keyword4", "keyword5"), c.kwargs().keySet());
        assertEquals("a", c.kwargs().get("keyword1"));
        assertEquals(ConstraintRegistry.create(c.id(), c.kwargs()), c);
    }
}
