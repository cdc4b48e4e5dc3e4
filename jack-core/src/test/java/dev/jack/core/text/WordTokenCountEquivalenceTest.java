package dev.jack.core.text;

import dev.jack.core.constraint.ifbench.ReferenceResponses;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link TextTools#countWordTokens} and {@link TextTools#countUpperWordTokens} (tokens counted in the tokenizer's
 * buffer, none made) against the plain steps (every token of {@code word_tokenize}, looked up in a set or asked
 * {@code isupper()}), on every response in {@code ../shared/ifbench}, as is, lower-cased as count:pronouns asks and
 * upper-cased, and on generated texts with contractions, quotes, URLs, Unicode spaces, non-ASCII letters and capitals.
 */
class WordTokenCountEquivalenceTest {
    private static final List<String> WORDS = List.of("i", "it", "you", "'s", "n't", "``", "''", ".", "the", "them", "é", "über", "x-ray");
    private static final AsciiLoweredSet SET = new AsciiLoweredSet(WORDS);
    private final TextTools text = new TextTools(PunktParameters::english);

    private void check(String t) {
        text.forgetRecent();
        int plain = 0;
        for (String token : text.wordTokenize(t)) if (Set.copyOf(WORDS).contains(token)) plain++;
        assertEquals(plain, text.countWordTokens(t, SET), t);
    }

    private void checkUpper(String t) {
        text.forgetRecent();
        int plain = 0;
        for (String token : text.wordTokenize(t)) if (PyText.isUpper(token)) plain++;
        assertEquals(plain, text.countUpperWordTokens(t), "the tokens remembered: " + t);
        text.forgetRecent();
        assertEquals(plain, text.countUpperWordTokens(t), "the tokens counted in the buffer: " + t);
    }

    @Test
    void sameCountsOnTheReferenceResponses() throws IOException {
        for (String response : ReferenceResponses.all()) {
            check(PyText.lower(response));
            if (!response.chars().anyMatch(c -> c >= 'A' && c <= 'Z')) check(response);
            checkUpper(response);
            checkUpper(response.toUpperCase());
        }
    }

    private static final String[] FRAGMENTS = {"I", "i", "it", "It's", "you", "don't", "can't", "them.", "\"the\"", "“it”", "'s",
            "x-ray", "über", "é", "Dr.", "e.g.", "https://ex.com/i?it=you.", "(it)", "--", "...", "?", "!", ",", "😀", "itself",
            "IT", "DON'T", "ÜBER", "Über", "ǅ", "𝐀𝐁", "𝐀b", "A1", "1", "NASA's"};
    private static final String[] SPACES = {" ", " ", "", "\n", "\t", "\u00a0", "\u2003", "\u3000"};

    @Test
    void sameCountsOnGeneratedTexts() {
        Random random = new Random(21);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(30); k > 0; k--) b.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]).append(SPACES[random.nextInt(SPACES.length)]);
            check(PyText.lower(b.toString()));
            checkUpper(b.toString());
            checkUpper(b.toString().toUpperCase());
        }
    }
}
