package dev.jack.core.constraint.ifbench;

import dev.jack.core.ifeval.Verifier;
import dev.jack.core.text.PyText;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The first line cut out without splitting (custom:csv_quotes', custom:csv_special_character's headers) and
 * custom:reverse_newline's "Zimbabwe" precheck, against the reference's steps written plainly: the same line and
 * verdict on every response in {@code ../shared/ifbench}, its loose variants, and generated texts of lines.
 */
class LinePrecheckEquivalenceTest {
    private static boolean reverseNewline(String response) {
        List<String> lines = new ArrayList<>();
        for (String line : PyText.split(response, "\n")) {
            String stripped = PyText.stripPunctuation(line);
            if (!stripped.isEmpty()) lines.add(stripped);
        }
        int start = 0;
        while (start < lines.size() && !lines.get(start).contains("Zimbabwe")) start++;
        if (start == lines.size() || lines.size() - start < 52) return false;
        for (int i = start + 1; i < lines.size(); i++) {
            if (PyText.asciiFold(lines.get(i - 1)).compareTo(PyText.asciiFold(lines.get(i))) < 0) return false;
        }
        return true;
    }

    private static void check(String text) {
        assertEquals(PyText.split(text, "\n").getFirst(), Regions.firstLine(text), text);
        assertEquals(reverseNewline(text), new ReverseNewline().isFollowedBy(text, null), text);
    }

    private static final String[] LINES = {"Zimbabwe", "zimbabwe", "Zimbabwe.", "Zambia", "Yemen", "Vietnam", "Åland", "", " ", "...", "Zim babwe"};

    @Test
    void sameOnGeneratedTexts() {
        Random random = new Random(52);
        for (int i = 0; i < 3_000; i++) check(GeneratedTexts.of(random, 70, LINES, new String[] {"\n", "\n\n", " \n"}));
    }

    @Test
    void sameOnTheReferenceResponsesAndTheirLooseVariants() throws IOException {
        for (String response : ReferenceResponses.all()) {
            check(response);
            for (String variant : Verifier.looseVariants(response)) check(variant);
        }
    }
}
