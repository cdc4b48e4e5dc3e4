package dev.jack.core.ifeval;

import dev.jack.core.SharedData;
import dev.jack.core.text.PyText;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loose variants the verifier builds one at a time, as far as a failing check needs them, are the reference's
 * variants in its order without duplicates: compared with the eager construction ({@code response.split("\n")} joined
 * without its first line, last, or both, each stripped, each also without '*') on every response in the reference data
 * and on generated texts dense in line breaks, asterisks and blank lines.
 */
class LooseVariantsEquivalenceTest {
    /** The reference's steps: split into lines, drop lines, join, strip, remove asterisks, then keep the distinct ones. */
    private static List<String> eager(String response) {
        List<String> lines = List.of(response.split("\n", -1));
        String removeFirst = PyText.strip(String.join("\n", lines.subList(Math.min(1, lines.size()), lines.size())));
        String removeLast = PyText.strip(String.join("\n", lines.subList(0, Math.max(0, lines.size() - 1))));
        String removeBoth = lines.size() < 2 ? "" : PyText.strip(String.join("\n", lines.subList(1, lines.size() - 1)));
        List<String> variants = new ArrayList<>();
        for (String v : List.of(response.replace("*", ""), removeFirst, removeLast, removeBoth,
                removeFirst.replace("*", ""), removeLast.replace("*", ""), removeBoth.replace("*", ""))) {
            if (!v.equals(response) && !variants.contains(v)) variants.add(v);
        }
        return variants;
    }

    private static final String[] PIECES = {"\n", "\n\n", "*", "**", " ", "  ", "\t", "\u00a0", "\u2003", "\u0085", "\u001c", "a", "word", "**bold**", "- item", "# Title", "\r\n", "é", "😀"};

    /** Where the verifier skips the loose variants of a response that is not blank, each of them is blank. */
    private static void assertOnlyBlankWhenSaid(String text) {
        if (PyText.isBlank(text) || Verifier.anyVariantNotBlank(text)) return;
        for (String v : eager(text)) assertTrue(PyText.isBlank(v), () -> "variant " + v + " of " + text);
    }

    @Test
    void sameAsTheEagerStepsOnGeneratedTexts() {
        Random random = new Random(15);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) b.append(PIECES[random.nextInt(PIECES.length)]);
            String text = b.toString();
            assertEquals(eager(text), Verifier.looseVariants(text), text);
            assertOnlyBlankWhenSaid(text);
        }
    }

    @Test
    void sameAsTheEagerStepsOnEveryResponseInTheReferenceData() throws IOException {
        Set<String> texts = SharedData.responses();
        assertTrue(texts.size() > 3000, "only " + texts.size() + " responses found");
        for (String text : texts) {
            assertEquals(eager(text), Verifier.looseVariants(text), text);
            assertOnlyBlankWhenSaid(text);
        }
    }
}
