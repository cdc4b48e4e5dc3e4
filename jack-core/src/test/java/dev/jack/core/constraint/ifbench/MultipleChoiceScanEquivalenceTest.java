package dev.jack.core.constraint.ifbench;

import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * custom:mcq_count_length's hand-written label split and option match against the reference's regexes (through
 * {@link PyRegex}, as the checker used them): the same pieces and matches on every response in {@code ../shared/ifbench}
 * (and each of its lines) and on generated texts dense in labels, digits of other scripts, separators and whitespace.
 */
class MultipleChoiceScanEquivalenceTest {
    private static final Pattern LABEL = PyRegex.compile("\\n*(?:Question \\d+[\\.|\\):;]?\\s*)");
    private static final Pattern OPTION = PyRegex.compile("^[A-Ea-e][\\.|\\)]\\s*\\w+");

    private static void check(String text) {
        assertEquals(PyText.split(LABEL, text), MultipleChoiceQuestions.splitOnLabels(text), text);
        for (String line : PyText.split(text, "\n")) {
            for (String l : new String[] {line, PyText.strip(line)}) {
                assertEquals(OPTION.matcher(l).lookingAt(), MultipleChoiceQuestions.isOption(l), l);
            }
        }
    }

    private static final String[] FRAGMENTS = {"Question ", "Question", "question ", "Q", "1", "12", "٣", "\uD835\uDFCF", ".", "|",
            ")", ":", ";", "\n", "\n\n", " ", "\t", "\u00a0", "\u2003", "\u0085", "A", "e", "F", "a)", "B.", "C|", "x", "_", "é",
            "😀", "Option", "What?"};

    @Test
    void sameOnGeneratedTexts() {
        Random random = new Random(279);
        for (int i = 0; i < 50_000; i++) check(GeneratedTexts.of(random, 16, FRAGMENTS, new String[] {""}));
    }

    @Test
    void sameOnTheReferenceResponses() throws IOException {
        for (String response : ReferenceResponses.all()) check(response);
    }
}
