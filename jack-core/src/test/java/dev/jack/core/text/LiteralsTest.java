package dev.jack.core.text;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The literal scanners equal Python-semantics regexes, including the chars Java's case folding equates with ASCII letters. */
class LiteralsTest {
    @Test
    void caseInsensitiveSearchMatchesTheRegexOnSpecialCaseFolds() {
        String alphabet = "kKsSiIſ\u212aİı\u212båÅ a-_é";
        // Second chars ASCII and not (the search skips a candidate whose next char differs from the second as ASCII).
        String[] words = {"k", "ks", "is", "\u212a", "ſi", "İ", "å", "sk", "Ki", "kS", "Sk\u212a", "a-", "-A", "aÅ", "iİ", "sſk", "_é"};
        Random random = new Random(9);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String t = b.toString();
            String w = words[random.nextInt(words.length)];
            Matcher m = PyRegex.compile(Pattern.quote(w), PyRegex.IGNORECASE).matcher(t);
            int count = 0;
            assertEquals(m.find() ? m.start() : -1, Literals.indexOfIgnoreCase(t, w, 0), w + " in " + t);
            m.reset();
            while (m.find()) count++;
            assertEquals(count, Literals.countIgnoreCase(t, w), w + " in " + t);
            assertEquals(PyRegex.compile("\\b" + w + "\\b", PyRegex.IGNORECASE).matcher(t).find(),
                    Literals.containsWholeWordIgnoreCase(t, w), w + " in " + t);
        }
    }

    /**
     * Texts of 32 chars or more, whose candidates are found in a copy of their bytes when they are Latin-1: the same
     * words, in texts of Latin-1 chars (most) or with a char above U+00FF, at every offset.
     */
    @Test
    void longTextsMatchTheRegex() {
        String latin1 = "kKsSiIåÅ a-_é.\u00ff\u00b5";
        String[] words = {"k", "ks", "is", "\u212a", "ſi", "İ", "å", "sk", "Ki", "kS", "Sk\u212a", "a-", "-A", "aÅ", "iİ", "sſk",
                "_é", "\u00ff", "\u00b5", "\u039c"};
        Random random = new Random(10);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = 32 + random.nextInt(70); k > 0; k--) b.append(latin1.charAt(random.nextInt(latin1.length())));
            String wide = "ſ\u212aİı\u212b\u2019";
            if (random.nextInt(5) == 0) b.setCharAt(random.nextInt(b.length()), wide.charAt(random.nextInt(wide.length())));
            String t = b.toString();
            String w = words[random.nextInt(words.length)];
            Matcher m = PyRegex.compile(Pattern.quote(w), PyRegex.IGNORECASE).matcher(t);
            int from = random.nextInt(8);
            assertEquals(m.find(from) ? m.start() : -1, Literals.indexOfIgnoreCase(t, w, from), w + " in " + t);
            m.reset();
            int count = 0;
            while (m.find()) count++;
            assertEquals(count, Literals.countIgnoreCase(t, w), w + " in " + t);
            assertEquals(PyRegex.compile("\\b" + w + "\\b", PyRegex.IGNORECASE).matcher(t).find(),
                    Literals.containsWholeWordIgnoreCase(t, w), w + " in " + t);
        }
    }

    /** Every candidate position is looked for once per char: a text full of one variant of the first letter stays linear. */
    @Test
    void manyOccurrencesOfOneCaseVariant() {
        String text = "a".repeat(1_000_000);
        assertEquals(1_000_000, Literals.countIgnoreCase(text, "A"));
        assertEquals(500_000, Literals.countIgnoreCase(text, "aa"));
        assertEquals(false, Literals.containsWholeWordIgnoreCase(text, "a"));
        assertEquals(true, Literals.containsWholeWordIgnoreCase(text + " A", "a"));
    }
}
