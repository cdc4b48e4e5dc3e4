package dev.jack.core.constraint.ifeval;

import dev.jack.core.text.Literals;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The hand-written scanners must agree with the reference's regular expressions (compiled with
 * Python semantics) on every input; random texts over the characters that matter check it.
 */
class FastPathEquivalenceTest {
    private static final String ALPHABET = "**** \n\n\u00a0\tapPsS..[]-éÉ_1<>\"Cat";
    private static final int CASES = 20_000;

    private static String randomText(Random random) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(24);
        for (int i = 0; i < n; i++) b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return b.toString();
    }

    private static int count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    @Test
    void highlightScannerMatchesFindall() {
        Pattern single = PyRegex.compile("\\*[^\\n\\*]*\\*");
        Pattern dbl = PyRegex.compile("\\*\\*[^\\n\\*]*\\*\\*");
        Random random = new Random(1);
        for (int i = 0; i < CASES; i++) {
            String t = randomText(random);
            int expected = 0;
            Matcher m = single.matcher(t);
            while (m.find()) if (!PyText.isBlank(PyText.strip(m.group(), "*"))) expected++;
            m = dbl.matcher(t);
            while (m.find()) if (!PyText.isBlank(m.group().substring(2, m.group().length() - 2))) expected++;
            assertEquals(expected, NumberOfHighlightedSections.countSpans(t, 1) + NumberOfHighlightedSections.countSpans(t, 2), t);
        }
    }

    @Test
    void dividerScannerMatchesTheRegex() {
        Pattern divider = PyRegex.compile("\\s?\\*\\*\\*\\s?");
        Random random = new Random(2);
        for (int i = 0; i < CASES; i++) {
            String t = randomText(random);
            int from = 0;
            Matcher m = divider.matcher(t);
            while (true) {
                boolean found = m.find(from);
                int[] fast = NumberOfParagraphs.nextDivider(t, from);
                assertEquals(found, fast != null, t);
                if (!found) break;
                assertEquals(m.start(), fast[0], t);
                assertEquals(m.end(), fast[1], t);
                from = m.end();
            }
        }
    }

    @Test
    void postscriptShapesMatchTheRegexes() {
        Pattern pps = PyRegex.compile("\\s*p\\.\\s?p\\.\\s?s.*$", PyRegex.MULTILINE);
        Pattern ps = PyRegex.compile("\\s*p\\.\\s?s\\..*$", PyRegex.MULTILINE);
        Random random = new Random(3);
        // The shapes are read in the text itself: chars whose lower case is more than one char, or ASCII (İ, the Kelvin
        // sign), Σ, U+017F (whose upper case is S), whitespace beyond ASCII, U+000E ('.' | 0x20); texts long enough to be
        // searched eight chars at a time.
        String alphabet = ALPHABET + "pP.s \u0130\u212a\u03a3\u017f\u0085\u2028\u000e";
        for (int i = 0; i < CASES; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(80); n > 0; n--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String text = b.toString();
            String lower = PyText.lower(text);
            assertEquals(pps.matcher(lower).find(), Postscript.containsShape(text, "p.~p.~s"), text);
            assertEquals(ps.matcher(lower).find(), Postscript.containsShape(text, "p.~s."), text);
        }
    }

    @Test
    void literalSearchesMatchTheRegexes() {
        Random random = new Random(4);
        String[] words = {"cat", "é", "a.", "s", "ps", "-a", "_1"};
        for (int i = 0; i < CASES; i++) {
            String t = randomText(random);
            for (String w : words) {
                String quoted = Pattern.quote(w).replace("\\Q", "").replace("\\E", "").replace(".", "\\.");
                Pattern plain = PyRegex.compile(quoted, PyRegex.IGNORECASE);
                Pattern whole = PyRegex.compile("\\b" + quoted + "\\b", PyRegex.IGNORECASE);
                assertEquals(count(plain, t), Literals.countIgnoreCase(t, w), w + " in " + t);
                assertEquals(whole.matcher(t).find(), Literals.containsWholeWordIgnoreCase(t, w), w + " in " + t);
            }
        }
    }

    @Test
    void bulletScannerMatchesTheRegexes() {
        Pattern star = PyRegex.compile("^\\s*\\*[^\\*].*$", PyRegex.MULTILINE);
        Pattern dash = PyRegex.compile("^\\s*-.*$", PyRegex.MULTILINE);
        Random random = new Random(6);
        for (int i = 0; i < CASES; i++) {
            String t = randomText(random);
            assertEquals(count(star, t), NumberOfBulletLists.countBullets(t, '*'), t);
            assertEquals(count(dash, t), NumberOfBulletLists.countBullets(t, '-'), t);
        }
    }

    @Test
    void sectionScannerMatchesTheRegex() {
        Random random = new Random(7);
        String digits = "12\u0663 \n\u00a0SECTION Section S";
        for (int i = 0; i < CASES; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(30); k > 0; k--) b.append(digits.charAt(random.nextInt(digits.length())));
            String t = b.toString();
            for (String spliter : new String[] {"SECTION", "S", "Section"}) {
                assertEquals(count(PyRegex.compile("\\s?" + spliter + "\\s?\\d+\\s?"), t), MultipleSections.countMarkers(t, spliter), spliter + " in " + t);
            }
        }
    }

    @Test
    void placeholderScannerMatchesFindall() {
        Pattern placeholder = PyRegex.compile("\\[.*?\\]");
        Random random = new Random(5);
        for (int i = 0; i < CASES; i++) {
            String t = randomText(random);
            int expected = count(placeholder, t);
            assertEquals(expected > 0, new NumberOfPlaceholders(1).isFollowedBy(t, null), t);
            assertEquals(expected >= 2, new NumberOfPlaceholders(2).isFollowedBy(t, null), t);
        }
    }
}
