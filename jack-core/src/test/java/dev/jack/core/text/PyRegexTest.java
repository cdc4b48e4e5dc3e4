package dev.jack.core.text;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PyRegexTest {
    private static boolean search(String pattern, int flags, String text) {
        return PyRegex.compile(pattern, flags).matcher(text).find();
    }

    @Test
    void wordBoundaryIsUnicodeAware() {
        assertFalse(search("\\bcafe\\b", 0, "cafeé"), "é is a word character, so no boundary after cafe");
        assertTrue(search("\\bcafe\\b", 0, "cafe—bar"));
        assertTrue(search("\\bnai\\b", 0, "nai\u0308ve"), "combining marks are not word characters in Python");
    }

    @Test
    void ignoreCaseIsUnicodeAware() {
        assertTrue(search("ÉCOLE", PyRegex.IGNORECASE, "une école"));
        assertTrue(search("(?i)straße", 0, "STRAßE"));
    }

    @Test
    void dotAndDollarUseOnlyNewlines() {
        assertTrue(search("a.b", 0, "a\rb"), "in Python '.' matches a carriage return");
        assertTrue(search("a.b", 0, "a\u2028b"));
        assertFalse(search("a.b", 0, "a\nb"));
        assertTrue(search("^b$", PyRegex.MULTILINE, "a\nb\nc"));
        assertFalse(search("^b$", PyRegex.MULTILINE, "a\u2028b\u2028c"));
    }

    @Test
    void spaceAndDigitClassesArePythons() {
        assertTrue(search("a\\sb", 0, "a\u001cb"));
        assertTrue(search("^\\d+$", 0, "٣٤"), "Arabic-Indic digits are decimal digits");
        assertTrue(search("[\\s,]x", 0, "\u00a0x"));
    }

    @Test
    void pythonOnlySyntaxIsTranslated() {
        Pattern p = PyRegex.compile("(?P<w>ab)(?#comment)(?P=w)");
        assertTrue(p.matcher("abab").matches());
        assertTrue(search("{name}", 0, "Dear {name},"), "a brace that is no quantifier is a literal in Python");
        assertTrue(search("a{2}", 0, "caab"));
        assertTrue(search("[]x]", 0, "]"));
    }

    @Test
    void invalidPatternsAreRejected() {
        assertThrows(PyRegex.InvalidPatternException.class, () -> PyRegex.compile("*star"));
        assertThrows(PyRegex.InvalidPatternException.class, () -> PyRegex.compile("(unclosed"));
    }

    @Test
    void literalDetection() {
        assertTrue(PyRegex.isLiteral("plain words"));
        assertFalse(PyRegex.isLiteral("a.b"));
        assertEquals(0, PyRegex.compile("x", 0).flags() & Pattern.CASE_INSENSITIVE);
    }
}
