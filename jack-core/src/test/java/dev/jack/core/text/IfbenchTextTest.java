package dev.jack.core.text;

import dev.jack.core.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The smaller text analyses IFBench and IFEvalG need, and the bundled data they read. */
class IfbenchTextTest {
    @Test
    void bundledDataIsTheSharedReferenceData() throws IOException, NoSuchAlgorithmException {
        Path sums = SharedData.require("ifbench/SHA256SUMS");
        List<String> lines = Files.readAllLines(sums);
        String[][] files = {
                {"nltk/stopwords_english.txt", "./data/stopwords_english.txt"},
                {"syllapy/syllapy_0.7.2_data.csv", "./data/syllapy_0.7.2_data.csv"},
                {"emoji/emoji_2.15.0_single_codepoints.tsv", "./data/emoji_2.15.0_single_codepoints.tsv"},
                {"nltk/averaged_perceptron_tagger_eng/averaged_perceptron_tagger_eng.weights.json",
                        "./data/averaged_perceptron_tagger_eng/averaged_perceptron_tagger_eng.weights.json"},
                {"nltk/averaged_perceptron_tagger_eng/averaged_perceptron_tagger_eng.tagdict.json",
                        "./data/averaged_perceptron_tagger_eng/averaged_perceptron_tagger_eng.tagdict.json"},
                {"nltk/averaged_perceptron_tagger_eng/averaged_perceptron_tagger_eng.classes.json",
                        "./data/averaged_perceptron_tagger_eng/averaged_perceptron_tagger_eng.classes.json"}};
        for (String[] f : files) {
            try (InputStream in = BundledData.class.getResourceAsStream(f[0])) {
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
                assertTrue(lines.contains(sha + "  " + f[1]), f[0] + " has sha256 " + sha);
            }
        }
    }

    @Test
    void stopWordsAreNltksEnglishList() {
        assertTrue(StopWords.isEnglish("the"));
        assertTrue(StopWords.isEnglish("don"));
        assertTrue(StopWords.isEnglish("you're"));
        assertFalse(StopWords.isEnglish("The"), "callers lower-case first");
        assertFalse(StopWords.isEnglish("cat"));
        assertTrue(StopWords.isEnglishLowered("x The y", 2, 5), "lower-cased in place");
        assertTrue(StopWords.isEnglishLowered("OURSELVES", 0, 9));
        assertFalse(StopWords.isEnglishLowered("cat", 0, 3));
        assertFalse(StopWords.isEnglishLowered("ther", 0, 3 + 1));
        assertFalse(StopWords.isEnglishLowered("İt", 0, 2), "non-ASCII goes through str.lower(): 'i̇t'");
        assertFalse(StopWords.isEnglishLowered("themselvesx", 0, 11), "longer than any stop word");
    }

    /** isEnglishLowered rejects a run longer than the longest stop word before lower-casing it: none lowers shorter. */
    @Test
    void noCharacterLowersToFewerUtf16Units() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String s = Character.toString(cp);
            if (PyText.lower(s).length() < s.length()) throw new AssertionError(Integer.toHexString(cp));
        }
    }

    @Test
    void emojiAreSingleCodePointsOfEmoji2_15() {
        assertTrue(Emoji.isEmoji(0x1F600));
        assertTrue(Emoji.isEmoji(0xA9), "©");
        assertTrue(Emoji.isEmoji(0x1F3FB), "a skin-tone modifier alone");
        assertFalse(Emoji.isEmoji(0xFE0F), "variation selector");
        assertFalse(Emoji.isEmoji(0x20E3), "keycap combiner");
        assertFalse(Emoji.isEmoji(0x1F1FA), "regional indicator");
        assertFalse(Emoji.isEmoji('1'));
    }

    @Test
    void regexSentencesFollowIfevalsRules() {
        assertEquals(List.of("Mr. Smith went to Washington.", "He arrived at 3.15 p.m. Wow!"),
                RegexSentenceSplitter.split("Mr. Smith went to Washington. He arrived at 3.15 p.m. Wow!"));
        assertEquals(List.of("Visit example.com today.", "Wait...", "what?"),
                RegexSentenceSplitter.split("Visit example.com today. Wait... what?"));
        assertEquals(List.of("He said \"hi\".", "Then left."), RegexSentenceSplitter.split("He said \"hi.\" Then left."));
        assertEquals(List.of(), RegexSentenceSplitter.split("  "));
        assertEquals(List.of("a", ""), RegexSentenceSplitter.split("a<stop><stop>"), "markers in the text are read as markers");
    }

    @Test
    void pythonCharacterClasses() {
        assertTrue(PyChars.isDigit('²') && !PyText.isDecimal('²'), "superscripts are digits, not decimals");
        assertTrue(PyChars.isDigits("١٢٣"));
        assertFalse(PyChars.isDigits(""));
        assertTrue(PyChars.isAlpha('é') && !PyChars.isAlpha('1'));
        assertTrue(PyChars.isAlnum('½') && PyChars.isAlnum('Ⅳ') && !PyChars.isAlnum('_'));
    }
}
