package dev.jack.core.constraint;

import dev.jack.core.constraint.ifeval.NoComma;
import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every registered constraint type is complete and consistent, and the registry stays sound as it grows. */
class ConstraintCatalogTest {
    private static List<ConstraintType<?>> types() {
        return ConstraintRegistry.ids().stream().<ConstraintType<?>>map(ConstraintRegistry::type).toList();
    }

    @Test
    void eachExampleRoundTripsThroughItsKwargsAndListsItsParameters() {
        for (ConstraintType<?> type : types()) {
            Constraint example = type.example();
            assertEquals(type, example.type(), type.id());
            assertEquals(type.id(), example.id());
            assertEquals(example, ConstraintRegistry.create(type.id(), example.kwargs()), type.id());
            Set<String> names = new HashSet<>();
            for (Parameter p : type.parameters()) assertTrue(names.add(p.name()), type.id() + " lists " + p.name() + " twice");
            assertEquals(names, example.kwargs().keySet(), type.id() + ": listed parameters are its kwargs");
            assertFalse(example.description().isBlank(), type.id());
        }
    }

    @Test
    void conflictsNameRegisteredConstraintsWithReasons() {
        for (ConstraintType<?> type : types()) {
            type.conflicts().forEach((other, reason) -> {
                assertTrue(ConstraintRegistry.isKnown(other), type.id() + " conflicts with unknown " + other);
                assertFalse(reason.isBlank(), type.id() + " / " + other);
                assertEquals(ConstraintRegistry.conflict(type.id(), other), ConstraintRegistry.conflict(other, type.id()), "symmetric");
            });
        }
        assertEquals("a response cannot be all lowercase and all capitals",
                ConstraintRegistry.conflict("change_case:english_capital", "change_case:english_lowercase").orElseThrow());
        assertTrue(ConstraintRegistry.conflict("punctuation:no_comma", "startend:quotation").isEmpty());
    }

    @Test
    void synthesizedTypesHaveThreePhrasings() {
        for (ConstraintType<?> type : types()) {
            if (!type.isSynthesized()) {
                assertTrue(type.phrasings().isEmpty(), type.id());
                assertThrows(IllegalStateException.class, type::sketch);
                continue;
            }
            assertTrue(type.phrasings().size() >= 3, type.id());
        }
    }

    @Test
    void checkersUseOnlyTheTextAnalysesTheyDeclare() {
        TextTools noPunkt = new TextTools(() -> {
            throw new AssertionError("Punkt used");
        });
        String[] responses = {"Hello there. It's fine.", "", "* a\n* b\n\n***\n\nP.S. done", "{\"a\": 1}"};
        for (ConstraintType<?> type : types()) {
            if (type.analyses().contains(TextAnalysis.SENTENCES) || type.analyses().contains(TextAnalysis.WORD_TOKENS)) continue;
            for (String r : responses) assertDoesNotThrow(() -> type.example().isFollowedBy(r, noPunkt), type.id());
        }
        TextTools emptyPunkt = new TextTools(() -> new PunktParameters(Set.of(), Set.of(), Set.of(), Map.of()));
        assertEquals(Set.of(TextAnalysis.SENTENCES), ConstraintRegistry.type("length_constraints:number_sentences").analyses());
        assertTrue(ConstraintRegistry.type("length_constraints:number_sentences").example().isFollowedBy("One. Two.", emptyPunkt));
    }

    @Test
    void registeringAddsTypesButNeverAnIdTwice() {
        var e = assertThrows(IllegalArgumentException.class, () -> ConstraintRegistry.register("mine", List.of(NoComma.TYPE)));
        assertTrue(e.getMessage().contains("registered twice (sources ifeval and mine)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConstraintRegistry.register("My Source", List.of()));
        assertFalse(ConstraintRegistry.sources().contains("mine"), "a failed registration adds nothing");

        record Shout() implements Constraint {
            static final ConstraintType<Shout> TYPE = ConstraintType.builder("test:shout", k -> new Shout()).example(new Shout()).build();

            public ConstraintType<Shout> type() { return TYPE; }

            public String description() { return "Shout."; }

            public boolean isFollowedBy(String response, TextTools text) { return response.endsWith("!"); }

            public Map<String, Object> kwargs() { return Map.of(); }
        }
        ConstraintRegistry.register("test", List.of(Shout.TYPE));
        assertEquals(List.of("test:shout"), ConstraintRegistry.ids("test"));
        assertTrue(ConstraintRegistry.create("test:shout", Map.of()).isFollowedBy("Hey!", null));
    }
}
