package dev.jack.core.ifeval;

import dev.jack.core.SharedData;
import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.Relation;
import dev.jack.core.constraint.ifeval.LetterFrequency;
import dev.jack.core.constraint.ifeval.LooseVariantsFail;
import dev.jack.core.constraint.ifeval.NumberOfHighlightedSections;
import dev.jack.core.constraint.ifeval.NumberOfWords;
import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a failing constraint says its loose variants fail too ({@link LooseVariantsFail}), so that the verifier does not
 * check them, every variant fails: checked with each such constraint at and around the response's own count (where a
 * variant that counted more would pass) on generated texts dense in asterisks, line breaks, word joins, surrogates and
 * letters whose lower case is ASCII, and on every response in the reference data.
 */
class LooseVariantsFailTest {
    private static final TextTools TOOLS = new TextTools(PunktParameters::english);

    private static final String[] PIECES = {"\n", "\n\n", "*", "**", " ", "  ", "\t", "\u00a0", "a", "A", "word", "Zz", "**bold**",
            "*it*", "* *", "- item", "# Title", "\r\n", "é", "İ", "\u212a", "k", "😀", "\ud835", "\udc00", "\ud835\udc00", "_", "1", ".",
            "'", "ΣΑΣ", "i\u0307", "\u0307"};

    /** The constraints that say so, with counts near the text's own. */
    private static List<Constraint> constraintsNear(String text) {
        List<Constraint> out = new ArrayList<>();
        int words = PyText.countWordRuns(text);
        for (int n = Math.max(0, words - 1); n <= words + 2; n++) {
            out.add(new NumberOfWords(n, Relation.AT_LEAST));
            out.add(new NumberOfWords(n, Relation.LESS_THAN));
        }
        // Letters a-z and others: '*', one in Latin-1, one lowered to two chars, one of two surrogates (few in a text).
        for (String letter : List.of("a", "k", "i", "z", "*", "é", "İ", "\ud835\udc00")) {
            int count = letter.length() == 1 && letter.charAt(0) >= 'a' ? PyText.countLowered(text, letter.charAt(0)) : 2;
            for (int n = Math.max(0, count - 2); n <= count + 2; n++) {
                out.add(new LetterFrequency(letter, n, Relation.AT_LEAST));
                out.add(new LetterFrequency(letter, n, Relation.LESS_THAN));
            }
        }
        for (int n = 0; n <= 4; n++) out.add(new NumberOfHighlightedSections(n));
        return out;
    }

    /** A constraint failing on the text that says its variants fail: none of them follows it. */
    private static int check(String text) {
        if (PyText.isBlank(text)) return 0;
        int claims = 0;
        for (Constraint c : constraintsNear(text)) {
            if (c.isFollowedBy(text, TOOLS) || !(c instanceof LooseVariantsFail f) || !f.variantsFailWith(text)) continue;
            claims++;
            for (String v : Verifier.looseVariants(text)) {
                assertFalse(!PyText.isBlank(v) && c.isFollowedBy(v, TOOLS), () -> c + " follows variant " + v + " of " + text);
            }
        }
        return claims;
    }

    @Test
    void failingConstraintsFailOnEveryVariantOfGeneratedTexts() {
        Random random = new Random(15);
        int claims = 0;
        for (int i = 0; i < 30_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(14); n > 0; n--) b.append(PIECES[random.nextInt(PIECES.length)]);
            claims += check(b.toString());
        }
        assertTrue(claims > 10_000, "only " + claims + " failing constraints said their variants fail");
    }

    /** The cases the claims leave out, each with a variant that passes. */
    @Test
    void noClaimWhereAVariantCanPass() {
        // Taking out the '*' joins two surrogates into a letter: a word where there was none.
        String joined = "\ud835*\udc00";
        assertFalse(new NumberOfWords(1, Relation.AT_LEAST).isFollowedBy(joined, TOOLS));
        assertTrue(new NumberOfWords(1, Relation.AT_LEAST).isFollowedBy(Verifier.looseVariants(joined).getFirst(), TOOLS));
        assertFalse(new NumberOfWords(1, Relation.AT_LEAST).variantsFailWith(joined));
        assertTrue(new NumberOfWords(1, Relation.AT_LEAST).variantsFailWith("\ud835\udc00 *x*"));
        // "Less than": a variant has fewer.
        assertFalse(new NumberOfWords(2, Relation.LESS_THAN).variantsFailWith("Title\nsome words"));
        assertFalse(new LetterFrequency("a", 2, Relation.LESS_THAN).variantsFailWith("a\na"));
        assertFalse(new LetterFrequency("*", 1, Relation.AT_LEAST).variantsFailWith("*"));
        assertTrue(new LetterFrequency("a", 1, Relation.AT_LEAST).variantsFailWith("b*"));
        // Another letter is counted in the lower-cased text, where taking out a '*' may make one.
        assertFalse(new LetterFrequency("\ud835\udc00", 1, Relation.AT_LEAST).variantsFailWith(joined));
        assertFalse(new LetterFrequency("\ud835\udc00", 1, Relation.AT_LEAST).isFollowedBy(joined, TOOLS));
        assertTrue(new LetterFrequency("\ud835\udc00", 1, Relation.AT_LEAST).isFollowedBy(Verifier.looseVariants(joined).getFirst(), TOOLS));
        check(joined);
    }

    @Test
    void failingConstraintsFailOnEveryVariantOfTheReferenceResponses() throws IOException {
        Set<String> texts = SharedData.responses();
        assertTrue(texts.size() > 3000, "only " + texts.size() + " responses found");
        int claims = 0;
        for (String text : texts) claims += check(text);
        assertTrue(claims > 3000, "only " + claims + " failing constraints said their variants fail");
    }
}
