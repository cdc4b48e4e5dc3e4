package dev.jack.core.ifeval;

import dev.jack.core.constraint.Broken;
import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.Relation;
import dev.jack.core.constraint.ifeval.EndChecker;
import dev.jack.core.constraint.ifeval.JsonFormat;
import dev.jack.core.constraint.ifeval.LetterFrequency;
import dev.jack.core.constraint.ifeval.NoComma;
import dev.jack.core.constraint.ifeval.NumberOfPlaceholders;
import dev.jack.core.constraint.ifeval.Postscript;
import dev.jack.core.constraint.ifeval.RepeatPrompt;
import dev.jack.core.constraint.ifeval.Title;
import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The responses that made checkers quadratic or crash (issue 14), shortened: the verdicts are the reference's, checked
 * against the reference's own regular expressions where it uses one. Their speed at 100 KB and 1 MB is measured by
 * {@code jack bench checkers}, not here.
 */
class AdversarialResponsesTest {
    private static final TextTools TEXT = new TextTools(() -> new PunktParameters(Set.of(), Set.of(), Set.of(), Map.of()));
    private static final Verifier VERIFIER = new Verifier(TEXT);

    private static boolean strict(Constraint c, String response) {
        Verdicts v = VERIFIER.verify(List.of(c), response);
        assertEquals(List.of(), v.errors(), "the checker ran");
        return v.strict().getFirst();
    }

    @Test
    void aRunOfCapitalSigmaLowersWithItsFinalForm() {
        String sigmas = "Σ".repeat(400);
        // Python: ("Σ" * 400).lower() is "σ" * 399 + "ς".
        assertTrue(strict(new LetterFrequency("Σ", 399, Relation.AT_LEAST), sigmas));
        assertFalse(strict(new LetterFrequency("Σ", 400, Relation.AT_LEAST), sigmas));
        assertFalse(strict(new EndChecker("Σ"), sigmas), "\"Σ\".lower() is σ, the response ends with ς");
        assertTrue(strict(new EndChecker("ΑΣ"), sigmas.substring(1) + "ΑΣ"));
        assertFalse(strict(new Postscript("P.S."), sigmas));
        assertFalse(strict(new RepeatPrompt("ΣΣ"), sigmas), "\"ΣΣ\".lower() is σς, the response starts σσ");
        assertTrue(strict(new RepeatPrompt("ΣΣ "), sigmas.substring(0, 2) + " more"));
    }

    @Test
    void lowerMatchesTheJdkWithoutItsQuadraticCopying() {
        Random random = new Random(3);
        // No capital sigma: there Python's final-sigma rule, not the JDK's, decides (PyTextTest).
        String alphabet = "aBİıIiσςK\u212aß ẞ.\u0307日";
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(30); k > 0; k--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String s = b.toString();
            assertEquals(s.toLowerCase(Locale.ROOT), PyText.lower(s), s);
        }
        assertEquals("i\u0307".repeat(3000), PyText.lower("İ".repeat(3000)));
        assertEquals("i\u0307".repeat(3000) + "ς σ" + "i\u0307".repeat(3000), PyText.lower("İ".repeat(3000) + "Σ Σ" + "İ".repeat(3000)));
    }

    @Test
    void titlesAreTheReferenceRegexMatches() {
        assertFalse(strict(new Title(), "<<".repeat(500)));
        assertFalse(strict(new Title(), "<<>>"));
        assertFalse(strict(new Title(), "<<<>>"), "a match that is blank inside its brackets");
        assertTrue(strict(new Title(), "<< x >>"));
        assertTrue(strict(new Title(), "a>> <<b\n<<c>> <<>>"));
        assertFalse(strict(new Title(), "a>> <<b"));
        Pattern reference = PyRegex.compile("<<[^\\n]+>>");
        Random random = new Random(5);
        for (int i = 0; i < 5000; i++) {
            String s = randomText(random, "<<>> a\n\t", 24);
            assertEquals(referenceTitle(reference, s), new Title().isFollowedBy(s, TEXT), s);
        }
    }

    private static boolean referenceTitle(Pattern reference, String s) {
        Matcher m = reference.matcher(s);
        while (m.find()) if (!PyText.isBlank(PyText.rstrip(PyText.lstrip(m.group(), "<"), ">"))) return true;
        return false;
    }

    @Test
    void placeholdersAreTheReferenceRegexMatches() {
        assertFalse(strict(new NumberOfPlaceholders(1), "[".repeat(20_000)));
        assertTrue(strict(new NumberOfPlaceholders(2), "[[a]\n[b] ["));
        Pattern reference = PyRegex.compile("\\[.*?\\]");
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            String s = randomText(random, "[[]] a\n", 24);
            Matcher m = reference.matcher(s);
            int count = 0;
            while (m.find()) count++;
            for (int n = 0; n <= 4; n++) assertEquals(count >= n, new NumberOfPlaceholders(n).isFollowedBy(s, TEXT), s + " " + n);
        }
    }

    @Test
    void deeplyNestedJsonIsNotJsonAndNeverStopsTheRun() {
        Verdicts v = VERIFIER.verify(List.of(new JsonFormat(), new NoComma()), "[".repeat(5000));
        assertEquals(List.of(false, true), v.strict(), "the other constraint is still checked");
        assertEquals(List.of(false, true), v.loose());
    }

    @Test
    void aCheckerThatThrowsIsNotFollowedAndNamedWhileTheOthersAreChecked() {
        Verdicts v = VERIFIER.verify(List.of(new NoComma(), new Broken(false), new NoComma()), "no comma here");
        assertEquals(List.of(true, false, true), v.strict());
        assertEquals(List.of(true, false, true), v.loose());
        assertEquals(List.of("test:broken: IllegalStateException: bug on 13 chars"), v.errors());
        assertFalse(VERIFIER.follows(new Broken(false), "x"));
    }

    private static String randomText(Random random, String alphabet, int maxLength) {
        StringBuilder b = new StringBuilder();
        for (int k = random.nextInt(maxLength); k > 0; k--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return b.toString();
    }
}
