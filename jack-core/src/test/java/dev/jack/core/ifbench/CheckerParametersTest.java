package dev.jack.core.ifbench;

import dev.jack.core.constraint.ParameterException;
import dev.jack.core.constraint.UnknownConstraintException;
import dev.jack.core.ifevalg.IfevalgCatalog;
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
 * Bad kwargs are errors naming the kwarg: missing ones, wrong types, values out of range, and the
 * values for which the reference would draw a random replacement (so its verdicts would be random).
 */
class CheckerParametersTest {
    record Bad(Catalog catalog, String id, Map<String, Object> kwargs, String field, String reasonPart) {
        @Override
        public String toString() {
            return id + " " + kwargs + " -> " + field;
        }
    }

    static Bad ifbench(String id, Map<String, Object> kwargs, String field, String reasonPart) {
        return new Bad(IfbenchCatalog.get(), id, kwargs, field, reasonPart);
    }

    static Bad ifevalg(String id, Map<String, Object> kwargs, String field, String reasonPart) {
        return new Bad(IfevalgCatalog.get(), id, kwargs, field, reasonPart);
    }

    static Stream<Bad> bad() {
        return Stream.of(
                ifbench("count:word_count_range", Map.of("min_words", 10), "max_words", "is required"),
                ifbench("count:word_count_range", Map.of("min_words", -1, "max_words", 5), "min_words", "random value for a negative"),
                ifbench("count:numbers", Map.of("N", 2.5), "N", "whole number"),
                ifbench("count:numbers", Map.of("N", "3"), "N", "whole number"),
                ifbench("ratio:stop_words", Map.of("percentage", "half"), "percentage", "must be a number"),
                ifbench("count:words_japanese", Map.of("N", 0.0), "N", "divides by it"),
                ifbench("words:keywords_specific_position", Map.of("keyword", "x", "n", 0, "m", 2), "n", "reads 0 as not given"),
                ifbench("sentence:keyword", Map.of("word", "", "N", 2), "word", "must not be empty"),
                ifbench("repeat:repeat_change", Map.of("prompt_to_repeat", ""), "prompt_to_repeat", "must not be empty"),
                ifbench("format:thesis", Map.of("N", 3), "N", "not a parameter"),
                ifevalg("copy:repeat_phrase", Map.of("phrase", "(a b c", "small_n", 2), "phrase", "cannot compile"),
                ifevalg("copy:repeat_phrase", Map.of("phrase", "The early bird", "small_n", 0), "small_n", "reads 0 as not given"),
                ifevalg("new:copy_span_idx", Map.of("prompt_to_repeat", "abc", "n_start", 0, "n_end", 0), "n_end", "reads 0 as not given"),
                ifevalg("keywords:word_once", Map.of("keyword", "ca(t"), "keyword", "not a valid regular expression"),
                ifevalg("keywords:word_count_different_numbers", Map.of("keyword", "a", "frequency", 2, "relation", "more than"), "relation", "must be one of"),
                ifevalg("letters:letter_counting2", Map.of("letter", "ab", "let_frequency", 2, "let_relation", "at least"), "letter", "one letter"),
                ifevalg("keywords:exclude_word_harder", Map.of(), "keyword", "is required"),
                ifevalg("first_word:first_word_sent", Map.of("first_word", List.of()), "first_word", "must not be empty"),
                ifevalg("count:counting_composition", Map.of("n_sent", 2, "n_words", 0), "n_words", "reads 0 as not given"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void badKwargsNameTheField(Bad b) {
        ParameterException e = assertThrows(ParameterException.class, () -> b.catalog.create(b.id, b.kwargs));
        assertEquals(b.field, e.field());
        assertTrue(e.reason().contains(b.reasonPart), e.reason());
    }

    @Test
    void nullKwargsCountAsAbsent() {
        Map<String, Object> kwargs = new HashMap<>();
        kwargs.put("N", 5.0);
        kwargs.put("keyword", null);
        kwargs.put("percentage", null);
        assertEquals(new UniqueWordCount(5), IfbenchCatalog.get().create("count:unique_word_count", kwargs));
    }

    @Test
    void customConstraintsIgnoreKwargsAsTheReferenceDoes() {
        assertEquals(new PrintMultiples(), IfbenchCatalog.get().create("custom:multiples", Map.of("N", 3)));
        assertEquals("cat", IfevalgCatalog.get().create("keywords:exclude_word_harder", Map.of("keyword", "cat", "instruction", "x y")).kwargs().get("keyword"));
    }

    @Test
    void unknownIdsListTheKnownOnes() {
        UnknownConstraintException e = assertThrows(UnknownConstraintException.class, () -> IfbenchCatalog.get().create("copy:copy", Map.of()));
        assertTrue(e.getMessage().contains("count:word_count_range") && e.getMessage().contains("keywords:existence"), e.getMessage());
        assertThrows(UnknownConstraintException.class, () -> IfevalgCatalog.get().create("format:thesis", Map.of()));
    }

    @Test
    void ifevalsConstraintsAreInBothCatalogs() {
        Checker c = IfevalgCatalog.get().create("punctuation:no_comma", Map.of());
        assertEquals(Source.IFEVAL, c.source());
        assertEquals("punctuation:no_comma", IfbenchCatalog.get().create("punctuation:no_comma", Map.of()).id());
    }

    @Test
    void descriptionsFollowTheReferenceTemplates() {
        assertEquals("Use at least 36 unique words in the response.",
                IfbenchCatalog.get().create("count:unique_word_count", Map.of("N", 36.0)).description());
        assertEquals("Ensure that stop words constitute no more than 12.5% of the total words in your response.",
                IfbenchCatalog.get().create("ratio:stop_words", Map.of("percentage", 12.5)).description());
        assertEquals("Every 21st of your response must be in Japanese.", new NthWordJapanese(21).description());
        assertEquals("Every 5th word of your response must be in Japanese.", new NthWordJapanese(5).description());
        assertEquals("In your response, the word cat should appear 3 times.", IfevalgCatalog.get()
                .create("keywords:word_count_different_numbers", Map.of("keyword", " cat ", "frequency", 3, "relation", "less than")).description());
    }

    @Test
    void kwargsEchoWhatTheCheckerUses() {
        Checker c = IfbenchCatalog.get().create("count:keywords_multiple",
                Map.of("keyword1", " a ", "keyword2", "b", "keyword3", "c", "keyword4", "d", "keyword5", "e"));
        assertEquals(List.of("keyword1", "keyword2", "keyword3", "keyword4", "keyword5"), List.copyOf(c.kwargs().keySet()));
        assertEquals("a", c.kwargs().get("keyword1"));
        assertEquals(IfbenchCatalog.get().create(c.id(), c.kwargs()), c);
    }
}
