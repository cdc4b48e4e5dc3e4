package dev.jack.core.constraint.ifbench;

import dev.jack.core.text.PyText;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * repeat:repeat_change's in-place comparison ({@link RepeatChange#sameAfterFirst}) against the reference's
 * {@code a.split()[1:] == b.split()[1:]} written plainly: on every shared response against itself, with its first word
 * changed, its spacing changed and its last word cut, and on generated pairs from few fragments and Unicode spaces (so
 * that many pairs are equal after the first word).
 */
class RepeatChangeEquivalenceTest {
    private static boolean plain(String a, String b) {
        List<String> x = PyText.split(a);
        List<String> y = PyText.split(b);
        return (x.isEmpty() ? x : x.subList(1, x.size())).equals(y.isEmpty() ? y : y.subList(1, y.size()));
    }

    private static void check(String a, String b) {
        assertEquals(plain(a, b), RepeatChange.sameAfterFirst(a, b), a + " | " + b);
        assertEquals(plain(b, a), RepeatChange.sameAfterFirst(b, a), b + " | " + a);
    }

    private static final String[] FRAGMENTS = {"a", "A", "ab", "b", "", "😀", "\u00e9", "é", "a\u00a0b"};
    private static final String[] SPACES = {" ", "  ", "\n", "\t", "\u00a0", "\u2003", "\u0085", "\u3000", "\u001c", "\u200b"};

    @Test
    void sameVerdictsOnGeneratedPairs() {
        Random random = new Random(15);
        for (int i = 0; i < 100_000; i++) {
            check(GeneratedTexts.of(random, 6, FRAGMENTS, SPACES), GeneratedTexts.of(random, 6, FRAGMENTS, SPACES));
        }
    }

    @Test
    void sameVerdictsOnTheReferenceResponses() throws IOException {
        for (String response : ReferenceResponses.all()) {
            check(response, response);
            check(response, "Changed " + PyText.strip(response));
            check(response, response.replace(" ", "\u2003\n"));
            check(response, response.replace('\n', ' ') + " ");
            String rstripped = PyText.rstrip(response);
            int lastWord = rstripped.length();
            while (lastWord > 0 && !PyText.isSpace(rstripped.charAt(lastWord - 1))) lastWord--;
            check(response, rstripped.substring(0, lastWord));
        }
    }
}
