package dev.jack.core.text;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PyTextTest {
    @Test
    void isUpperNeedsACasedCharacterAndNoLowercase() {
        assertTrue(PyText.isUpper("HELLO, WORLD 42!"));
        assertFalse(PyText.isUpper("123 !?"), "no cased character");
        assertFalse(PyText.isUpper("HELLo"));
        assertTrue(PyText.isUpper("ÉCOLE"));
        assertFalse(PyText.isUpper("ǅ"), "titlecase letters are neither upper nor lower");
        assertTrue(PyText.isUpper("ⅫX"), "Roman numeral twelve has the Other_Uppercase property");
        assertFalse(PyText.isUpper("N'T ß"), "sharp s is lowercase");
    }

    @Test
    void indexOfFindsWhatStringIndexOfFinds() {
        // Texts below and above Latin1.WORTH_COPYING chars, with and without a char above U+00FF, searched from every
        // start (negative and past the end included) for chars that occur at every lane of a word and for one that never does.
        Random random = new Random(11);
        for (int t = 0; t < 3_000; t++) {
            String s = randomText(random, 80, "*\n,ab \u00e9xyyyyyyyyyyyyyyyyyyyyyyyy\u20ac", t % 2 == 0);
            for (char c : new char[] {'*', '\n', ',', '#'}) {
                for (int from = -2; from <= s.length() + 1; from++) {
                    assertEquals(s.indexOf(c, from), PyText.indexOf(s, c, from), s + " " + c + " " + from);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> PyText.indexOf("x".repeat(40), '\u00e9', 0));
        assertThrows(IllegalArgumentException.class, () -> PyText.indexOf("x", '\u00e9', 0));
    }

    /**
     * A text of 0 to {@code longest - 1} chars drawn from {@code alphabet}, whose last char (one above U+00FF) is left out
     * where {@code latin1}.
     */
    private static String randomText(Random random, int longest, String alphabet, boolean latin1) {
        int n = random.nextInt(longest);
        int chars = alphabet.length() - (latin1 ? 1 : 0);
        StringBuilder text = new StringBuilder(n);
        for (int i = 0; i < n; i++) text.append(alphabet.charAt(random.nextInt(chars)));
        return text.toString();
    }

    @Test
    void withoutRemovesTheCharAsStringReplaceDoes() {
        // Short and long texts (the byte path starts at Latin1.WORTH_COPYING chars), runs of stars, stars at every lane
        // of a word, and texts with a char above U+00FF (the fallback).
        Random random = new Random(7);
        for (int t = 0; t < 20_000; t++) {
            String s = randomText(random, 90, "**ab \n\téx\u20ac", t % 2 == 0);
            assertEquals(s.replace("*", ""), PyText.without(s, '*'), s);
        }
        String plain = "x".repeat(40);
        assertSame(plain, PyText.without(plain, '*'), "nothing to remove: the string itself, as String.replace gives it");
        for (int i = 0; i < plain.length(); i++) {
            String s = plain.substring(0, i) + "*" + plain.substring(i + 1);
            assertEquals(plain.substring(0, i) + plain.substring(i + 1), PyText.without(s, '*'));
        }
        assertEquals("", PyText.without("*".repeat(40), '*'));
        assertThrows(IllegalArgumentException.class, () -> PyText.without("x", '\u00e9'));
    }

    @Test
    void isLowerMirrorsIsUpper() {
        assertTrue(PyText.isLower("hello, world 42!"));
        assertFalse(PyText.isLower("42"));
        assertFalse(PyText.isLower("hello World"));
        assertTrue(PyText.isLower("ª"), "feminine ordinal is Other_Lowercase");
        assertTrue(PyText.isLower("straße"));
    }

    @Test
    void whitespaceIsPythonsNotJavas() {
        assertTrue(PyText.isSpace(0x1C), "file separator counts in Python");
        assertTrue(PyText.isSpace(0x85));
        assertTrue(PyText.isSpace(0xA0), "no-break space counts in Python");
        assertTrue(PyText.isSpace(0x3000));
        assertFalse(PyText.isSpace(0x200B), "zero width space does not");
        assertFalse(PyText.isSpace(0x180E), "Mongolian vowel separator stopped being a space in Unicode 6.3");
        assertEquals("a b", PyText.strip("\u00a0\u2003a b\u3000\n"));
        assertEquals(List.of("a", "b"), PyText.split(" a\u2028b\u0085"));
    }

    @Test
    void everyCodePointIsWhitespaceExactlyWherePythonSaysSo() {
        // [hex(c) for c in range(0x110000) if chr(c).isspace()] in Python 3.11 (Unicode 14).
        Set<Integer> python = new TreeSet<>(List.of(0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
                0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f,
                0x205f, 0x3000));
        Set<Integer> jack = new TreeSet<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) if (PyText.isSpace(cp)) jack.add(cp);
        assertEquals(python, jack);
        assertFalse(PyText.isSpace(-1), "no code point");
        assertFalse(PyText.isSpace(Integer.MIN_VALUE), "no code point");
    }

    @Test
    void decimalsAreTheCategoryNdInEveryScript() {
        // Python's \d for str patterns is Unicode category Nd; the ASCII ones by range, the others by category.
        for (int cp = -64; cp <= Character.MAX_CODE_POINT; cp++) {
            boolean nd = cp >= 0 && Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER;
            if (PyText.isDecimal(cp) != nd) throw new AssertionError("U+" + Integer.toHexString(cp));
        }
        assertTrue(PyText.isDecimal('0') && PyText.isDecimal('9') && PyText.isDecimal(0x0663), "ASCII and Arabic-Indic digits");
        assertFalse(PyText.isDecimal('/') || PyText.isDecimal(':') || PyText.isDecimal(0xB2), "neighbours and superscript two");
    }

    @Test
    void wordRunsFollowPythonsUnicodeWordClass() {
        assertEquals(4, PyText.countWordRuns("Hello, world! It's"));
        assertEquals(2, PyText.countWordRuns("snake_case 42"));
        assertEquals(2, PyText.countWordRuns("nai\u0308ve"), "a combining mark is not a word character in Python");
        assertEquals(1, PyText.countWordRuns("½²"), "other numbers are word characters");
        assertEquals(3, PyText.countWordRuns("日本語 テキスト 😀 x"));
        assertEquals(0, PyText.countWordRuns(" \n—…"));
    }

    /**
     * Latin-1 texts long enough to be scanned eight bytes at a time, against the run scan ({@link PyText#wordRuns}) and
     * the case tests' char loops (through a StringBuilder), lowercased and uppercased too:
     * every char from U+0000 to U+00FF at every position of an eight-byte word, and random texts, mostly ASCII and
     * of every length from 32 to 100, where each run may start or end at any lane.
     */
    @Test
    void latin1TextsScannedByEightCharsAsCharByChar() {
        List<String> texts = new java.util.ArrayList<>();
        // Every char at every lane, among letters and among chars of no case (where the case tests give the char's own).
        for (String base : new String[] {"ab _9. Zz-`@[{/:~ ", "09 _.-`@[{/:~ \n!#"}) {
            for (int c = 0; c < 256; c++) {
                for (int at = 0; at < 16; at++) {
                    char[] text = base.repeat(3).toCharArray();
                    text[at] = (char) c;
                    texts.add(new String(text));
                }
            }
        }
        java.util.Random random = new java.util.Random(3);
        String common = "aZz09_ .,-'\n@[`{/:";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = 32 + random.nextInt(69); k > 0; k--) {
                b.append(random.nextInt(10) == 0 ? (char) random.nextInt(256) : common.charAt(random.nextInt(common.length())));
            }
            texts.add(b.toString());
        }
        for (String text : texts) {
            assertEquals(PyText.wordRuns(text).size(), PyText.countWordRuns(text), text);
            // The case tests' char loops read any CharSequence: a StringBuilder takes them.
            assertEquals(PyText.isLower(new StringBuilder(text)), PyText.isLower(text), text);
            assertEquals(PyText.isUpper(new StringBuilder(text)), PyText.isUpper(text), text);
            assertUpperOfCharsAsOfText(text);
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            String upper = text.toUpperCase(java.util.Locale.ROOT);
            if (upper.length() == text.length() && upper.chars().allMatch(c -> c < 256)) {
                assertEquals(PyText.isUpper(new StringBuilder(upper)), PyText.isUpper(upper), upper);
            }
            assertEquals(PyText.isLower(new StringBuilder(lower)), PyText.isLower(lower), lower);
        }
    }

    /**
     * {@link PyText#isUpper(char[], int, int)} (read in place where ASCII) is {@link PyText#isUpper(CharSequence)} of each
     * region of the chars: every start, and ends up to 12 chars on (in a buffer with chars before and after).
     */
    private static void assertUpperOfCharsAsOfText(String text) {
        char[] chars = ("x" + text + "x").toCharArray();
        for (int from = 1; from < chars.length - 1; from++) {
            for (int to = from; to <= Math.min(chars.length - 1, from + 12); to++) {
                String region = new String(chars, from, to - from);
                assertEquals(PyText.isUpper(new StringBuilder(region)), PyText.isUpper(chars, from, to), region);
            }
        }
    }

    @Test
    void isUpperOfCharsAsOfTheText() {
        for (String text : List.of("HELLO", "HELLo", "A", "a", "", "42!", "N'T", "ÉCOLE", "ǅX", "ⅫX", "ß", "X\uD801\uDC00",
                "X\uD801\uDC28", "\uD801", "U.S.", "A\u0345", "ªB", "Aª")) {
            assertUpperOfCharsAsOfText(text);
        }
        assertTrue(PyText.isUpper("xHELLOx".toCharArray(), 1, 6));
        assertFalse(PyText.isUpper("xHELLOx".toCharArray(), 1, 7));
    }

    @Test
    void splitOnSeparatorKeepsEmptyPieces() {
        assertEquals(List.of("", "a", "", "b", ""), PyText.split("\n\na\n\n\n\nb\n\n", "\n\n"));
        assertEquals(List.of(""), PyText.split("", "******"));
    }

    @Test
    void stripCharsStripsAnyOfThem() {
        assertEquals("title", PyText.rstrip(PyText.lstrip("<<<title>>", "<"), ">"));
        assertEquals("x", PyText.strip("\"'x'\"", "'\""));
    }

    @Test
    void lowerUsesFullMappings() {
        assertEquals("i\u0307stanbul", PyText.lower("İstanbul"));

        assertEquals("ὀδυσσεύς", PyText.lower("ὈΔΥΣΣΕΎΣ"), "final sigma at the end of a word");
    }

    /** Expected values printed by Python 3.11's str.lower(). */
    @Test
    void lowerAppliesPythonsFinalSigmaRule() {
        Map<String, String> python = new java.util.LinkedHashMap<>();
        python.put("A1Σ", "a1σ");
        python.put("AΣ", "aς");
        python.put("Σ", "σ");
        python.put("ΣΣ", "σς");
        python.put("AΣ1", "aς1");
        python.put("A.Σ", "a.ς");
        python.put("A Σ", "a σ");
        python.put("AΣ'B", "aσ'b");
        python.put("AΣ-B", "aς-b");
        python.put("ÀΣ", "àς");
        python.put("aΣ\u0301", "aς\u0301");
        python.put("ʰΣ", "ʰσ");
        python.put("AΣʰ", "aςʰ");
        python.put("ΣA", "σa");
        python.put("A\u00adΣ", "a\u00adς");
        python.put("İΣ", "i\u0307ς");
        python.put("ΟΔΥΣΣΕΥΣ ΚΑΙ ΣΥ", "οδυσσευς και συ");
        python.forEach((text, lower) -> assertEquals(lower, PyText.lower(text), text));
        // Linear on the adversarial shape of issue 14 (Java's own Σ handling is quadratic there).
        assertEquals("σ".repeat(199_999) + "ς", PyText.lower("Σ".repeat(200_000)));
    }

    /**
     * lowerStartsWith, lowerEndsWith and countLowered against {@link PyText#lower} and a plain comparison or count, on
     * random texts of ASCII letters and the chars whose lower case is special: İ (two chars), Σ (by its context), the
     * Kelvin sign (k), Å's sign, a surrogate pair with a lower case, a combining dot, quotes and spaces.
     */
    @Test
    void loweredComparisonsAndCountsAsOnTheLoweredText() {
        String[] pieces = {"a", "A", "i", "I", "k", "K", "z", "Z", "İ", "Σ", "σ", "ς", "\u212A", "\u212B", "\uD801\uDC00", "\u0307", "\"", " ", ".", "é", "É"};
        java.util.Random random = new java.util.Random(20);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder a = new StringBuilder();
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(6); k > 0; k--) a.append(pieces[random.nextInt(pieces.length)]);
            for (int k = random.nextInt(4); k > 0; k--) b.append(pieces[random.nextInt(pieces.length)]);
            String text = a.toString();
            String affix = PyText.lower(b.toString());
            String lower = PyText.lower(text);
            assertEquals(lower.startsWith(affix), PyText.lowerStartsWith(text, affix), text + " / " + affix);
            assertEquals(lower.endsWith(affix), PyText.lowerEndsWith(text, affix), text + " / " + affix);
            for (char letter = 'a'; letter <= 'z'; letter++) {
                int count = 0;
                for (int i = 0; i < lower.length(); i++) if (lower.charAt(i) == letter) count++;
                assertEquals(count, PyText.countLowered(text, letter), text + " / " + letter);
            }
        }
        // Long texts (counted eight chars at a time where Latin-1): ASCII letters and every Latin-1 char, with and without
        // chars beyond Latin-1.
        StringBuilder latin1 = new StringBuilder();
        for (char c = 0; c < 0x100; c++) latin1.append(c);
        String pool = latin1 + "aAiIkKzZ";
        for (int n = 0; n < 3_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(120); k > 0; k--) b.append(pool.charAt(random.nextInt(pool.length())));
            if (n % 3 == 0) b.insert(random.nextInt(b.length() + 1), pieces[random.nextInt(pieces.length)]);
            String text = b.toString();
            String lower = PyText.lower(text);
            for (char letter = 'a'; letter <= 'z'; letter++) {
                int count = 0;
                for (int i = 0; i < lower.length(); i++) if (lower.charAt(i) == letter) count++;
                assertEquals(count, PyText.countLowered(text, letter), text + " / " + letter);
            }
        }
        assertEquals(2, PyText.countLowered("İ\u212Ak", 'k'));
        assertEquals(1, PyText.countLowered("İ\u212Ak", 'i'));
        assertTrue(PyText.lowerEndsWith("The END\u212A", "endk"));
        assertFalse(PyText.lowerStartsWith("İx", "ix"));
    }
}
