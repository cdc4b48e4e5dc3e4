package dev.jack.core.constraint.ifbench;

import dev.jack.core.ifeval.Verifier;
import dev.jack.core.text.PyText;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The first line cut out without splitting (custom:csv_quotes', custom:csv_special_character's headers) against
 * {@code text.split("\n")[0]}: the same line on every response in {@code ../shared/ifbench}, its loose variants, and
 * generated texts of lines.
 */
class FirstLineEquivalenceTest {
    private static void check(String text) {
        assertEquals(PyText.split(text, "\n").getFirst(), Regions.firstLine(text), text);
    }

    private static final String[] LINES = {"a,b,c", "\"x\"", "", " ", "\r", "Åland", "😀"};

    @Test
    void sameOnGeneratedTexts() {
        Random random = new Random(50);
        for (int i = 0; i < 3_000; i++) check(GeneratedTexts.of(random, 8, LINES, new String[] {"\n", "\n\n", " \n"}));
    }

    @Test
    void sameOnTheReferenceResponsesAndTheirLooseVariants() throws IOException {
        for (String response : ReferenceResponses.all()) {
            check(response);
            for (String variant : Verifier.looseVariants(response)) check(variant);
        }
    }
}
