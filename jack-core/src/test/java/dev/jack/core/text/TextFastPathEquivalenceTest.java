package dev.jack.core.text;

import dev.jack.core.SharedData;
import dev.jack.core.constraint.ifbench.ReferenceResponses;
import dev.jack.core.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The text primitives' fast paths against the plain steps they replace, on every response in {@code ../shared}
 * (IFBench's and IFEvalG's sets and IFEval's GPT-4 responses), on each of their whitespace words, and on generated
 * texts dense in case, punctuation, quotes, contractions, URLs, Unicode spaces and non-ASCII letters.
 */
class TextFastPathEquivalenceTest {
    private static final PunktParameters ENGLISH = PunktParameters.english();
    private static final PunktSentenceTokenizer PUNKT = new PunktSentenceTokenizer(ENGLISH);
    private static final Set<String> COLLOCATION_FIRSTS = new HashSet<>();

    static {
        for (String key : ENGLISH.collocations()) COLLOCATION_FIRSTS.add(key.substring(0, key.indexOf('\t')));
    }

    /** {@code s.translate(str.maketrans('', '', string.punctuation))}, character by character. */
    private static String removePunctuation(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) if (PyText.PUNCTUATION.indexOf(s.charAt(i)) < 0) b.append(s.charAt(i));
        return b.toString();
    }

    /** Punkt's "Word. Next" test with the stem made as a string and looked up in the two sets. */
    private static boolean plainWordBreaks(String text, int from, int period) {
        if (period - from < 2) return false;
        StringBuilder stem = new StringBuilder();
        for (int i = from; i < period; i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')) return false;
            stem.append(Character.toLowerCase(c));
        }
        return !ENGLISH.abbrevTypes().contains(stem.toString()) && !COLLOCATION_FIRSTS.contains(stem.toString());
    }

    /** The {@code \w+} runs as [start, end) pairs, found a code point at a time with {@link PyText#isWordChar}. */
    private static List<List<Integer>> plainWordRuns(String text) {
        List<List<Integer>> runs = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (PyText.isWordChar(cp) && start < 0) start = i;
            if (!PyText.isWordChar(cp) && start >= 0) {
                runs.add(List.of(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) runs.add(List.of(start, text.length()));
        return runs;
    }

    /**
     * The context Punkt decides for the period at {@code period} with its word from {@code from}: up to the non-word
     * character after the period, or through the whitespace and the next run of non-whitespace; null when the period is
     * no candidate.
     */
    private static String context(String text, int from, int period) {
        if (period + 1 >= text.length()) return null;
        char next = text.charAt(period + 1);
        if (")\";}]*:@'({[?!".indexOf(next) >= 0) return text.substring(from, period + 2);
        if (!PyText.isSpace(next)) return null;
        int start = period + 1;
        while (start < text.length() && PyText.isSpace(text.charAt(start))) start++;
        if (start == text.length()) return null;
        int end = start;
        while (end < text.length() && !PyText.isSpace(text.charAt(end))) end++;
        return text.substring(from, end);
    }

    private static void check(String text) {
        List<List<Integer>> scanned = new ArrayList<>();
        for (int end = 0, start; (start = PyText.wordRunStart(text, end)) < text.length(); ) {
            end = PyText.wordRunEnd(text, start);
            scanned.add(List.of(start, end));
        }
        assertEquals(plainWordRuns(text), scanned, text);
        List<String> split = PyText.split(text);
        assertEquals(split.size(), PyText.countWords(text), text);
        assertEquals(split, PyText.words(text), text);
        assertEquals(split.isEmpty(), PyText.words(text).isEmpty(), text);
        // Read part of the way, as the checkers do: every n-th word, the first words, then the rest.
        for (int step = 1; step <= 3; step++) {
            List<String> words = PyText.words(text);
            for (int i = step - 1; i < split.size(); i += step) assertEquals(split.get(i), words.get(i), text);
            assertEquals(split.size(), words.size(), text);
            assertEquals(split, words, text);
        }
        List<String> words = PyText.words(text);
        int i = 0;
        for (String w : words) {
            assertEquals(split.get(i++), w, text);
            if (i == 2) break;
        }
        if (!split.isEmpty()) assertEquals(split.getLast(), words.getLast(), text);
        assertEquals(split, new java.util.ArrayList<>(words), text);
        assertEquals(removePunctuation(text), PyText.removePunctuation(text), text);
        assertEquals(PyText.strip(text, PyText.PUNCTUATION_AND_SPACE), PyText.stripPunctuation(text), text);
        for (int c = 0; c < 128; c++) assertEquals(PyText.PUNCTUATION.indexOf(c) >= 0, PyText.isPunctuation((char) c));
        List<String> pieces = PyText.split(text);
        pieces.addAll(PyText.split(text, "\n"));
        for (String w : pieces) {
            assertEquals(PyText.strip(PyText.lower(PyText.strip(w)), PyText.PUNCTUATION), Syllables.normalized(w), w);
        }
        List<String> runTexts = new ArrayList<>();
        for (int[] run : PyText.wordRuns(text)) runTexts.add(text.substring(run[0], run[1]));
        assertEquals(runTexts, PyText.wordRunTexts(text), text);
        assertEquals(runTexts.size(), PyText.countWordRuns(text), text);
        for (int[] run : PyText.wordRuns(text)) {
            String run0 = text.substring(run[0], run[1]);
            assertEquals(StopWords.isEnglish(PyText.lower(run0)), StopWords.isEnglishLowered(text, run[0], run[1]), run0);
        }
        // Every period of the text, with the word before it as Punkt takes it (from the last whitespace).
        for (int p = text.indexOf('.'); p >= 0; p = text.indexOf('.', p + 1)) {
            int from = p;
            while (from > 0 && !Character.isWhitespace(text.charAt(from - 1))) from--;
            for (int f = from; f < p; f++) {
                boolean fast = PUNKT.plainWordBreaks(text, f, p);
                if (plainWordBreaks(text, f, p)) assertTrue(fast, text.substring(f, p));
                // Wherever the fast path decides a candidate, the general path's passes on its context make the word
                // with its period the first token and mark that token a break.
                String context = context(text, f, p);
                if (fast && context != null) {
                    List<PunktSentenceTokenizer.Token> tokens = PunktSentenceTokenizer.tokenizeWords(context);
                    for (PunktSentenceTokenizer.Token t : tokens) PUNKT.firstPass(t);
                    assertEquals(text.substring(f, p + 1), tokens.getFirst().tok, context);
                    PUNKT.secondPass(tokens.get(0), tokens.get(1));
                    assertTrue(tokens.getFirst().sentbreak, context);
                }
            }
        }
    }

    private static final String[] FRAGMENTS = {"The", "the", "THE", "Dr.", "dr.", "Mr.", "mr.", "U.S.", "e.g.", "Jan.", "jan",
            "inc.", "No.", "st.", "can't", "CANNOT", "cannot", "gonna", "Gimme", "lemme", "wanna", "'tis", "'Twas", "d'ye",
            "more'n", "I'm", "we'll", "you're", "it's", "O'Neil", "\"quoted\"", "'single'", "``", "''", "“curly”", "‘x’",
            "https://example.com/a.b?c=d", "www.x.org.", "a@b.com", "İt", "ſo", "K", "Café", "naïve", "ΣΑΣ", "😀", "x1", "٣",
            "...", "!!", "?", "end.", "(a)", "[b]", "{c}", "--", "-", "—", "*", ",", ";", ":", "$5.00", "3.14", "1999.",
            "well-known", "e-mail", "__init__", "\t", "ab.", "Ab.", "co.", "vs.", "etc.", "😀.", "x😀.", "👍🏽.", "1️⃣.",
            "👨\u200d👩\u200d👧.", "Café.", "é.", "ΣΑΣ.", "ΟΔΟΣ.", "٣.", "٣x.", "İ.", "İnc.", "\u212A.", "\u212Ag.", "\u212Ao.", "ſt.",
            "naïve.", "\u00a0end.", "v\u0301.", "—.", "é\"", "😀!", "😀)", "😀.\"", "ΣΑΣ.)"};
    private static final String[] SPACES = {" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003", "\u0085", "\u3000", "",
            "\u001c", "\r\n"};

    @Test
    void wordsWithNonAsciiCharactersBeforeAPeriodAreDecidedInPlace() {
        assertTrue(PUNKT.plainWordBreaks("Fun 😀. Next", 4, 6));
        assertTrue(PUNKT.plainWordBreaks("Un café. Next", 3, 7));
        assertTrue(PUNKT.containsSentenceBreak("😀. Next"));
        // An initial and a number go by the orthographic heuristics.
        assertFalse(PUNKT.plainWordBreaks("İ. Next", 0, 1));
        assertFalse(PUNKT.plainWordBreaks("٣٣. Next", 0, 2));
        assertFalse(PUNKT.plainWordBreaks("a\u00a0b. Next", 0, 3));
    }

    @Test
    void sameAsThePlainStepsOnGeneratedTexts() {
        Random random = new Random(36);
        for (int i = 0; i < 20_000; i++) {
            check(random.ints(random.nextInt(16), 0, FRAGMENTS.length)
                    .mapToObj(k -> FRAGMENTS[k] + SPACES[random.nextInt(SPACES.length)]).collect(Collectors.joining()));
        }
    }

    @Test
    void sameAsThePlainStepsOnEveryResponseInTheReferenceData() throws IOException {
        List<String> texts = new ArrayList<>(ReferenceResponses.all());
        for (String line : Files.readAllLines(SharedData.require("ifeval/responses_gpt4.jsonl"))) {
            if (!line.isBlank() && Json.parse(line) instanceof Map<?, ?> row && row.get("response") instanceof String text) texts.add(text);
        }
        assertTrue(texts.size() > 3000, "only " + texts.size() + " texts");
        for (String text : texts) check(text);
    }
}
