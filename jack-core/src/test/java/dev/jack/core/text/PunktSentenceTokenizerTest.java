package dev.jack.core.text;

import dev.jack.core.SharedData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PunktSentenceTokenizerTest {
    /** A hand-made model: "dr" is an abbreviation; "smith" is seen capitalized mid-sentence. */
    private static PunktSentenceTokenizer tiny(Set<String> abbrevs) {
        return new PunktSentenceTokenizer(new PunktParameters(abbrevs, Set.of(PunktParameters.collocationKey("##number##", "june")),
                Set.of("however"), Map.of("smith", PunktParameters.ORTHO_MID_UC, "the", PunktParameters.ORTHO_MID_LC | PunktParameters.ORTHO_BEG_UC,
                "ok", PunktParameters.ORTHO_BEG_LC)));
    }

    @Test
    void knownAbbreviationsDoNotEndSentences() {
        String text = "Dr. Smith arrived. He sat down.";
        assertEquals(List.of("Dr. Smith arrived.", "He sat down."), tiny(Set.of("dr")).sentences(text));
        assertEquals(3, tiny(Set.of()).countSentences(text));
    }

    @Test
    void abbreviationFollowedByAFrequentStarterEndsTheSentence() {
        assertEquals(2, tiny(Set.of("dr")).countSentences("I saw the dr. However it was late."));
    }

    @Test
    void initialsBeforeUnknownCapitalizedWordsAreAbbreviations() {
        assertEquals(1, tiny(Set.of()).countSentences("J. Bach wrote it."));
        assertEquals(1, tiny(Set.of()).countSentences("It was plan B. the rest failed."), "'the' is known capitalized, so it starts no sentence");
        assertEquals(2, tiny(Set.of()).countSentences("It was plan B. ok then."), "'ok' is only known lowercase at sentence starts");
    }

    @Test
    void collocationsJoin() {
        assertEquals(1, tiny(Set.of()).countSentences("It happened on the 5. June was hot."));
    }

    @Test
    void closingPunctuationStaysWithItsSentence() {
        List<String> s = tiny(Set.of()).sentences("(How does it deal with this parenthesis?)  \"It should be part of the\nprevious sentence.\" Yes.");
        assertEquals(List.of("(How does it deal with this parenthesis?)", "\"It should be part of the\nprevious sentence.\"", "Yes."), s);
    }

    @Test
    void edgeCases() {
        PunktSentenceTokenizer t = tiny(Set.of());
        assertEquals(0, t.countSentences(""));
        assertEquals(0, t.countSentences("   \n "));
        assertEquals(1, t.countSentences("no final period"));
        assertEquals(List.of(".", "leading period"), t.sentences(". leading period"));
        assertEquals(2, t.countSentences("Very bad acting!!! I promise."));
        assertEquals(1, t.countSentences("Wait... what"), "an ellipsis before a lowercase word of unknown context stays");
        assertEquals(2, t.countSentences("Is it?Yes! no"), "a break needs whitespace or punctuation after it");
    }

    @Test
    void englishModelMatchesNltksDocumentedOutput() {
        PunktSentenceTokenizer english = new PunktSentenceTokenizer(PunktParameters.load(SharedData.punktEnglish()));
        String text = "Punkt knows that the periods in Mr. Smith and Johann S. Bach\ndo not mark sentence boundaries.  "
                + "And sometimes sentences\ncan start with non-capitalized words.  i is a good variable\nname.";
        assertEquals(List.of("Punkt knows that the periods in Mr. Smith and Johann S. Bach\ndo not mark sentence boundaries.",
                "And sometimes sentences\ncan start with non-capitalized words.", "i is a good variable\nname."), english.sentences(text));
        String parens = "(How does it deal with this parenthesis?)  \"It should be part of the\nprevious sentence.\" "
                + "\"(And the same with this one.)\" ('And this one!')\n\"('(And (this)) '?)\" [(and this. )]";
        assertEquals(List.of("(How does it deal with this parenthesis?)", "\"It should be part of the\nprevious sentence.\"",
                "\"(And the same with this one.)\"", "('And this one!')", "\"('(And (this)) '?)\"", "[(and this. )]"), english.sentences(parens));
        assertEquals(List.of("Very bad acting!!!", "I promise."), english.sentences("Very bad acting!!! I promise."));
    }

    /** NLTK's own word-tokenizer regex (PunktLanguageVars), the oracle for the hand-written scanner. */
    private static final java.util.regex.Pattern NLTK_WORDS;

    static {
        String nonWord = "(?:[)\";}\\]\\*:@'({\\[?!])";
        String multiChar = "(?:\\-{2,}|\\.{2,}|(?:\\.\\s){2,}\\.)";
        String wordStart = "[^\\(\"`{\\[:;&\\#\\*@\\)}\\]\\-,]";
        NLTK_WORDS = PyRegex.compile("(" + multiChar + "|(?=" + wordStart + ")\\S+?(?=\\s|$|" + nonWord + "|" + multiChar
                + "|,(?=$|\\s|" + nonWord + "|" + multiChar + "))|\\S)");
    }

    @Test
    void wordScannerMatchesNltksRegex() {
        java.util.Random random = new java.util.Random(8);
        String alphabet = "ab.. -,,;:'\"()[]{}?!*@#&`\u00a0\tÉ1.";
        for (int i = 0; i < 30_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(16); k > 0; k--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String line = b.toString();
            List<String> expected = new ArrayList<>();
            java.util.regex.Matcher m = NLTK_WORDS.matcher(line);
            while (m.find()) expected.add(m.group());
            assertEquals(expected, PunktSentenceTokenizer.wordTokens(line), line);
        }
    }

    /** The hand scanners equal nltk's regexes (translated with PyRegex) on generated strings. */
    @Test
    void scannersMatchTheRegexes() {
        java.util.regex.Pattern realignment = PyRegex.compile("[\"')\\]}]+?(?:\\s+|(?=--)|$)", PyRegex.MULTILINE);
        java.util.regex.Pattern numeric = PyRegex.compile("^-?[.,]?\\d[\\d,.-]*\\.?$");
        String alphabet = "\"')]}- \n\t\u00a0.,a1٣";
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 100_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(10); k > 0; k--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String t = b.toString();
            int from = t.isEmpty() ? 0 : random.nextInt(t.length());
            int to = from + random.nextInt(t.length() - from + 1);
            java.util.regex.Matcher m = realignment.matcher(t).region(from, to);
            m.useTransparentBounds(false).useAnchoringBounds(true);
            assertEquals(m.lookingAt() ? m.end() : -1, PunktSentenceTokenizer.realignmentEnd(t, from, to), t + " " + from + ".." + to);
            assertEquals(numeric.matcher(t).find(), PunktSentenceTokenizer.Token.isNumeric(t), t);
        }
    }

    /**
     * The tokenizer decides '?' and '!' candidates without tokenizing their context: every such context, whatever
     * precedes the mark on its line and whatever non-word character or whitespace and token follows it, breaks.
     */
    @Test
    void questionAndExclamationContextsAlwaysBreak() {
        PunktSentenceTokenizer english = new PunktSentenceTokenizer(PunktParameters.english());
        java.util.Random random = new java.util.Random(11);
        String before = "ab.. -,,;:'\"()[]{}?!*@#&`\u00a0\tÉ1.\nDr";
        String nonWord = ")\";}]*:@'({[?!";
        String after = "aB..-,;:'\"()?!*1.";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) b.append(before.charAt(random.nextInt(before.length())));
            b.append(random.nextBoolean() ? '?' : '!');
            if (random.nextBoolean()) {
                b.append(nonWord.charAt(random.nextInt(nonWord.length())));
            } else {
                b.append(" \n\t\u00a0".charAt(random.nextInt(4)));
                b.append(after.charAt(random.nextInt(after.length())));
                for (int k = random.nextInt(6); k > 0; k--) b.append(after.charAt(random.nextInt(after.length())));
            }
            String context = b.toString();
            assertTrue(english.containsSentenceBreak(context), context);
        }
    }

    private static final String NON_WORD = ")\";}]*:@'({[?!";

    /** The "Word. Next" shortcut says "break" only where the general two passes do, on generated period contexts. */
    @Test
    void plainWordShortcutAgreesWithTheTwoPasses() {
        PunktSentenceTokenizer english = new PunktSentenceTokenizer(PunktParameters.english());
        Random random = new Random(12);
        String[] words = {"end", "END", "Dr", "dr", "mr", "Mr", "inc", "vs", "e", "a", "jan", "Jan", "no", "st", "co", "ok",
                "The", "june", "x", "ab", "Ab", "café", "u", "fig", "Fig", "sept", "ltd", "jr", "Gen", "rev", "ch"};
        String[] nexts = {"The", "the", "June", "5", "1999", "(", ")", "\"", "'", "Mr.", "and", "It", "i", ",", "--", "...", ".",
                "A.", "é", "Éa", "so", "So", "NO", "[", "*", "In", "in"};
        int shortcuts = 0;
        for (int i = 0; i < 40_000; i++) {
            String word = words[random.nextInt(words.length)];
            String after = random.nextInt(4) == 0 ? String.valueOf(NON_WORD.charAt(random.nextInt(NON_WORD.length())))
                    : " \n\t".charAt(random.nextInt(3)) + nexts[random.nextInt(nexts.length)];
            String context = word + "." + after;
            if (english.plainWordBreaks(context, 0, word.length())) {
                shortcuts++;
                assertTrue(english.containsSentenceBreak(context), context);
            }
        }
        assertTrue(shortcuts > 10_000, "the shortcut was taken " + shortcuts + " times");
    }

    /**
     * The shortcut's filter by length, first and last letter lets through every abbreviation and collocation first word
     * of ASCII letters (in any letter case), so the general passes decide them; a word of the same shape that is in
     * neither set is decided in place.
     */
    @Test
    void plainWordShortcutLeavesEveryAbbreviationToTheTwoPasses() {
        PunktParameters params = PunktParameters.english();
        PunktSentenceTokenizer english = new PunktSentenceTokenizer(params);
        Set<String> stops = new HashSet<>(params.abbrevTypes());
        for (String key : params.collocations()) stops.add(key.substring(0, key.indexOf('\t')));
        int plain = 0;
        for (String stop : stops) {
            if (stop.length() < 2 || !stop.chars().allMatch(c -> c >= 'a' && c <= 'z')) continue;
            plain++;
            for (String word : List.of(stop, stop.toUpperCase(Locale.ROOT), Character.toUpperCase(stop.charAt(0)) + stop.substring(1))) {
                String text = "So " + word + ". Next";
                assertFalse(english.plainWordBreaks(text, 3, 3 + word.length()), word);
                String other = word.charAt(0) + "q".repeat(word.length() - 2) + word.charAt(word.length() - 1);
                if (!stops.contains(other.toLowerCase(Locale.ROOT))) {
                    assertTrue(english.plainWordBreaks("So " + other + ". Next", 3, 3 + other.length()), other);
                }
            }
        }
        assertTrue(plain > 50, plain + " plain abbreviations");
    }

    /**
     * {@link PunktSentenceTokenizer.Candidates} finds exactly the '.', '?' and '!' followed by a non-word char, or by
     * whitespace and then a non-space char: in Latin-1 texts of 32 chars or more (scanned as bytes), shorter ones and
     * ones with a char above U+00FF, with marks at every offset.
     */
    @Test
    void candidatesAreThePeriodContexts() {
        String alphabet = "ab .?!  \n\t,)\"-'\u00a0\u00e9";
        Random random = new Random(12);
        for (int n = 0; n < 30_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(100); k > 0; k--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            if (random.nextInt(5) == 0 && b.length() > 0) b.setCharAt(random.nextInt(b.length()), '\u2019');
            String text = b.toString();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < text.length() - 1; i++) {
                if (".?!".indexOf(text.charAt(i)) < 0) continue;
                char next = text.charAt(i + 1);
                int j = i + 1;
                while (j < text.length() && PyText.isSpace(text.charAt(j))) j++;
                boolean spaceThenMore = PyText.isSpace(next) && j < text.length();
                if (PunktSentenceTokenizer.isNonWord(next) || spaceThenMore) expected.add(i);
            }
            List<Integer> found = new ArrayList<>();
            PunktSentenceTokenizer.Candidates candidates = new PunktSentenceTokenizer.Candidates(text);
            for (int at = candidates.next(0); at >= 0; at = candidates.next(at + 1)) found.add(at);
            assertEquals(expected, found, text);
        }
    }
}
