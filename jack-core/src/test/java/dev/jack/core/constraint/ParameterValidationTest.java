package dev.jack.core.constraint;

import dev.jack.core.constraint.ifeval.KeywordsExistence;
import dev.jack.core.constraint.ifeval.LetterFrequency;
import dev.jack.core.constraint.ifeval.NoComma;
import dev.jack.core.constraint.ifeval.NthParagraphFirstWord;
import dev.jack.core.constraint.ifeval.NumberOfBulletLists;
import dev.jack.core.constraint.ifeval.NumberOfSentences;
import dev.jack.core.constraint.ifeval.NumberOfWords;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterValidationTest {
    private static ParameterException fails(String id, Map<String, ?> kwargs) {
        return assertThrows(ParameterException.class, () -> ConstraintRegistry.create(id, kwargs));
    }

    @Test
    void everyIfevalIdIsRegistered() {
        assertEquals(25, ConstraintRegistry.ids("ifeval").size());
        assertTrue(ConstraintRegistry.ids("ifeval").containsAll(List.of("keywords:existence", "startend:quotation",
                "length_constraints:nth_paragraph_first_word", "change_case:capital_word_frequency")));
    }

    @Test
    void unknownIdsListTheKnownOnes() {
        var e = assertThrows(UnknownConstraintException.class, () -> ConstraintRegistry.create("keywords:exist", Map.of()));
        assertTrue(e.getMessage().contains("keywords:exist") && e.getMessage().contains("keywords:existence"));
    }

    @Test
    void wrongTypesNameTheField() {
        assertEquals("num_words", fails(NumberOfWords.ID, Map.of("num_words", "300", "relation", "at least")).field());
        assertEquals("relation", fails(NumberOfWords.ID, Map.of("num_words", 300, "relation", "at most")).field());
        assertEquals("num_words", fails(NumberOfWords.ID, Map.of("num_words", -1, "relation", "at least")).field());
        assertEquals("num_words", fails(NumberOfWords.ID, Map.of("num_words", 2.5, "relation", "at least")).field());
        assertEquals("keywords[1]", fails(KeywordsExistence.ID, Map.of("keywords", List.of("a", 3))).field());
        assertEquals("keywords", fails(KeywordsExistence.ID, Map.of("keywords", List.of())).field());
        assertEquals("relation", fails(NumberOfSentences.ID, Map.of("num_sentences", 3)).field());
    }

    @Test
    void rangesAreChecked() {
        assertEquals("nth_paragraph", fails(NthParagraphFirstWord.ID, Map.of("num_paragraphs", 2, "nth_paragraph", 3, "first_word", "x")).field());
        assertEquals("letter", fails(LetterFrequency.ID, Map.of("letter", "ab", "let_frequency", 1, "let_relation", "at least")).field());
        assertEquals("language", fails(ResponseLanguage.ID, Map.of("language", "xx")).field());
        assertEquals("keywords[0]", fails(KeywordsExistence.ID, Map.of("keywords", List.of("(unclosed"))).field());
    }

    @Test
    void unknownKeysAreRejectedButNullsIgnored() {
        assertEquals("num_bullet", fails(NumberOfBulletLists.ID, Map.of("num_bullets", 2, "num_bullet", 3)).field());
        Map<String, Object> withNulls = new HashMap<>();
        withNulls.put("num_bullets", 2);
        withNulls.put("relation", null);
        withNulls.put("keywords", null);
        assertEquals(new NumberOfBulletLists(2), ConstraintRegistry.create(NumberOfBulletLists.ID, withNulls));
        assertEquals("prompt_to_repeat", fails(NoComma.ID, Map.of("prompt_to_repeat", "x")).field());
    }

    @Test
    void wordingsMatchIfeval() {
        assertEquals("Include keywords ['apple', \"it's\"] in the response.",
                ConstraintRegistry.create(KeywordsExistence.ID, Map.of("keywords", List.of("it's", "apple"))).description());
        assertEquals("Answer with at least 300 words.",
                ConstraintRegistry.create(NumberOfWords.ID, Map.of("num_words", 300, "relation", "at least")).description());
        assertEquals(Map.of("num_words", 300, "relation", "at least"),
                ConstraintRegistry.create(NumberOfWords.ID, Map.of("num_words", 300L, "relation", "at least")).kwargs());
    }
}
