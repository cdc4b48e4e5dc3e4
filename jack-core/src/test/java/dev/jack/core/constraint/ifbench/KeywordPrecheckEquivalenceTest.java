package dev.jack.core.constraint.ifbench;

import dev.jack.core.ifeval.Verifier;
import dev.jack.core.text.Literals;
import dev.jack.core.text.PyChars;
import dev.jack.core.text.PyText;
import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.TextTools;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sentence:keyword skips Punkt when the text cannot hold the word, and words:keywords_specific_position skips the
 * tokenizer when the sentence cannot and tokenizes only a prefix of it: the same verdicts as the reference's steps
 * written plainly (the N-th sentence, then {@code \bword\b}; the n-th sentence's m-th alphanumeric token of the whole
 * tokenized sentence, lower-cased), for words taken from the text, each sentence's words at positions up to 60, and
 * words it lacks, on every response in {@code ../shared/ifbench} with its loose variants and on generated texts dense in
 * sentence ends, closing punctuation, contractions, URLs, Unicode spaces and case pairs such as 'K' (Kelvin) and 'ſ'. The claim the first rests on, that no Punkt sentence has a
 * word character beside it in the text, is checked on the same texts.
 */
class KeywordPrecheckEquivalenceTest {
    private final TextTools text = new TextTools(PunktParameters::english);
    /** The checkers' own: the plain steps' tokens, remembered in {@link #text}, are not at their hand. */
    private final TextTools checking = new TextTools(PunktParameters::english);

    private boolean includesPlainly(String response, String word, int n) {
        List<String> sentences = text.sentences(response);
        if (sentences.size() < n || sentences.isEmpty()) return false;
        return Literals.containsWholeWordIgnoreCase(n == 0 ? sentences.getLast() : sentences.get(n - 1), word);
    }

    private boolean atPositionPlainly(String response, String keyword, int n, int m) {
        List<String> sentences = text.sentences(response);
        if (sentences.size() < n) return false;
        List<String> words = new ArrayList<>();
        for (String t : text.wordTokenize(sentences.get(n - 1))) if (t.codePoints().anyMatch(PyChars::isAlnum)) words.add(t);
        return words.size() >= m && PyText.lower(words.get(m - 1)).equals(PyText.lower(keyword));
    }

    private void check(String response) {
        text.forgetRecent();
        checking.forgetRecent();
        for (int[] span : text.sentenceSpans(response)) {
            int start = span[0];
            int end = span[1];
            assertFalse(start > 0 && PyText.isWordChar(response.codePointBefore(start)), "a word character before a sentence: " + response);
            assertFalse(end < response.length() && PyText.isWordChar(response.codePointAt(end)), "a word character after a sentence: " + response);
        }
        Set<String> words = new LinkedHashSet<>(List.of("", "absent", "K", "s", "the"));
        List<String> tokens = text.wordTokenize(response);
        for (int i = 0; i < tokens.size(); i += 1 + tokens.size() / 12) {
            words.add(tokens.get(i));
            words.add(tokens.get(i).toUpperCase());
        }
        // Each sentence's word at each position asked for as the keyword (the verdicts where it is found), and at the next.
        List<String> sentences = text.sentences(response);
        for (int n = 1; n <= Math.min(3, sentences.size()); n++) {
            List<String> plain = new ArrayList<>();
            for (String t : text.wordTokenize(sentences.get(n - 1))) if (t.codePoints().anyMatch(PyChars::isAlnum)) plain.add(t);
            for (int m : POSITIONS) {
                if (m > plain.size()) continue;
                String keyword = plain.get(m - 1);
                assertTrue(new KeywordSpecificPosition(keyword, n, m).isFollowedBy(response, checking), response + " | " + keyword + " " + n + " " + m);
                assertEquals(atPositionPlainly(response, keyword, n, m + 1), new KeywordSpecificPosition(keyword, n, m + 1).isFollowedBy(response, checking),
                        response + " | " + keyword + " " + n + " " + (m + 1));
            }
        }
        for (String word : words) {
            for (int n = 0; n <= 3; n++) {
                assertEquals(includesPlainly(response, word, n), new IncludeKeyword(word, n).isFollowedBy(response, checking), response + " | " + word + " " + n);
                for (int m = 1; n > 0 && m <= 3; m++) {
                    assertEquals(atPositionPlainly(response, word, n, m), new KeywordSpecificPosition(word, n, m).isFollowedBy(response, checking),
                            response + " | " + word + " " + n + " " + m);
                }
            }
        }
    }

    /**
     * Word positions asked for: the first few, and ones past what words:keywords_specific_position tokenizes at first
     * (a quarter more tokens than m, then twice as many) and past most sentences' ends.
     */
    private static final int[] POSITIONS = {1, 2, 3, 5, 6, 9, 14, 25, 60};

    private static final String[] FRAGMENTS = {"The", "cat", "sat", "on", "mat", "Dr.", "e.g.", "U.S.", ".", "?", "!", "...",
            "\"", "'", ")", "]", "}", "(", "--", "-", ":", "*", "K", "\u212Aey", "key", "KEY", "ſo", "so", "İt", "it", "3.5",
            "1.", "a.", "Next", "end.)", "end.\"", "why?!", "ok!)", "_x_", "é", "😀", "don't", "can't", "I'm", "gonna", "“so”", "‘it’",
            "''", "``", "https://ex.com/a?b=c.", "a@b.co", "...", ",", ";", "--", "—", "Ünïcödé", "x-ray", "Σ"};
    private static final String[] SPACES = {" ", " ", " ", "", "\n", "  ", "\t", "\u00a0", "\u2003", "\u3000", "\r\n"};

    @Test
    void sameVerdictsOnGeneratedTexts() {
        Random random = new Random(33);
        for (int i = 0; i < 6_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = 1 + random.nextInt(random.nextInt(4) == 0 ? 90 : 16); k > 0; k--) {
                b.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]).append(SPACES[random.nextInt(SPACES.length)]);
            }
            check(b.toString());
        }
    }

    @Test
    void sameVerdictsOnTheReferenceResponsesAndTheirLooseVariants() throws IOException {
        for (String response : ReferenceResponses.all()) {
            check(response);
            for (String variant : Verifier.looseVariants(response)) check(variant);
        }
    }
}
