package dev.jack.core.text;

import dev.jack.core.SharedData;
import dev.jack.core.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written Treebank scanners must give exactly the tokens of nltk's regex substitutions
 * ({@link RegexTreebankOracle}) on every text: generated sentences dense in the characters the rules
 * act on, and every prompt and response in the reference data. Astral letters are left out of the
 * generated texts, where the Java translation of {@code \b} is not Python's; NLTK's own answers on
 * them are checked separately.
 */
class NltkWordTokenizerEquivalenceTest {
    /** Fragments that trigger the rules, alone or next to each other. */
    private static final String[] FRAGMENTS = {
            "cannot", "CanNot", "gimme", "gonna", "gotta", "lemme", "more'n", "wanna", "wanna ", "'tis", " 'tis", " 'Twas",
            "d'ye", "D'YE", "n't", "N'T", "don't", "DON'T", "'ll", "'LL", "'re", "'RE", "'ve", "'VE", "'s", "'S", "'m", "'M",
            "'d", "'D", "'", "''", "'''", "\"", "\"\"", "`", "``", "```", "«", "»", "“", "”", "‘", "’", "„", ".", "..", "...",
            ". . .", ":", ",", ",1", ":2", ";", "@", "#", "$", "%", "&", "?", "!", "*", "**", "[", "]", "(", ")", "{", "}",
            "<", ">", "-", "--", "---", "U.S.A.", "A.I.", "e.g.", "Mr.", "3.88", "1,000", "'a", "'X", "'é", "'1", "'_",
            "ſ", "K", "İ", "ı", "é", "É", "ß", "Ω", "ω", "٣", "²", "😀", "_", "a", "A", "x", "Z", "AT&T", "rock'n'roll",
            "o'clock", "'90s", "ABC", "Hello", "WORLD", "the", "The", " ", " ", "  ", "\n", "\t", "\u00a0", "\u2003", "\u0085"};
    private static final String CHARS = "aAbBcCdDeEgGiImMnNoOsStTwWyY'\"`.,:;!?*()[]{}<>-@#$%&«»“”‘’„ \n\t\u00a00123٣éÉſKİı😀_";

    private static String generate(Random random) {
        StringBuilder b = new StringBuilder();
        int parts = 1 + random.nextInt(14);
        for (int i = 0; i < parts; i++) {
            if (random.nextInt(3) == 0) {
                int cp = CHARS.codePointAt(CHARS.offsetByCodePoints(0, random.nextInt(CHARS.codePointCount(0, CHARS.length()))));
                b.appendCodePoint(cp);
            } else {
                b.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            }
            if (random.nextInt(3) == 0) b.append(' ');
        }
        return b.toString();
    }

    @Test
    void sameTokensAsTheRegexCascadeOnGeneratedSentences() {
        Random random = new Random(20);
        List<String> differences = new ArrayList<>();
        int cases = 200_000;
        for (int i = 0; i < cases && differences.size() < 20; i++) {
            String t = generate(random);
            List<String> expected = RegexTreebankOracle.tokenizeSentence(t);
            List<String> actual = NltkWordTokenizer.tokenizeSentence(t);
            if (!expected.equals(actual)) differences.add(dev.jack.core.json.PyJson.dumps(t) + "\n  regex:   " + expected + "\n  scanner: " + actual);
        }
        assertTrue(differences.isEmpty(), String.join("\n", differences));
    }

    /**
     * Pieces of the sentences the plain pass takes (letters, digits, punctuation that is only padded, periods, commas and
     * colons before digits and not, single hyphens, non-ASCII letters, digits and spaces, contractions without an
     * apostrophe at a word start and inside words, clitics and other apostrophes in either case) and a few it must leave
     * to the substitutions.
     */
    private static final String[] PLAIN_FRAGMENTS = {"word", "Word", "WORD", "can", "not", "cannot", "CanNot", "xcannot",
            "gimme", "gonna", "Gotta", "lemme", "wanna", "wanna ", "wannabe", "gim", "lem", "a", "I", "e.g.", "U.S.", "3.14",
            "1,000", "12:30", "a,b", "a:b", ",", ":", ",,", ",:", ".", "..", "...", ". .", "?", "!", ";", "@", "#", "$", "%",
            "&", "*", "(", ")", "[", "]", "{", "}", "<", ">", "-", "--", "well-known", "_x_", "/", "+", "=", "~", "é", "Café",
            "ΣΑΣ", "٣", "²", "😀", "\uD835\uDC00", "\u00a0", "\u2003", "\u0085", "ſ", "ı", "İ", "K", "'", "\"", "`", "“",
            "’", " ", " ", " ", "\n", "\t", "end.", "end.)", "end. )", "end.\t)", "end.>", "(end.)", "don't", "DON'T", "Don't",
            "DON't", "can't", "n't", "N'T", "I'm", "it's", "IT'S", "we'll", "WE'LL", "We'Ll", "you're", "They've", "I'd", "dogs'",
            "'s", "o'clock", "O'Neil", "rock'n'roll", "d'ye", "D'YE", "more'n", "'tis", "'Twas", "y'all", "x'a", "l'X", "90's",
            "é's", "don't.", "it's)", "end.'", "end.' x", "it'", "'", "''"};

    @Test
    void plainPassGivesTheRegexCascadesTokensWhereverItIsTaken() {
        Random random = new Random(29);
        int taken = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int parts = 1 + random.nextInt(12); parts > 0; parts--) {
                b.append(PLAIN_FRAGMENTS[random.nextInt(PLAIN_FRAGMENTS.length)]);
                if (random.nextInt(2) == 0) b.append(' ');
            }
            String t = b.toString();
            List<String> plain = NltkWordTokenizer.plainTokens(t);
            if (plain == null) continue;
            taken++;
            assertEquals(RegexTreebankOracle.tokenizeSentence(t), plain, t);
        }
        assertTrue(taken > 30_000, "the plain pass was taken " + taken + " times");
    }

    /** Tokens printed by nltk 3.8's NLTKWordTokenizer (Python 3.11) for these sentences. */
    @Test
    void nltksOwnAnswersWhereTheTranslatedRegexesDiffer() {
        assertEquals(List.of("got", "ta", "'t", "is"), NltkWordTokenizer.tokenizeSentence("gotta'tis"));
        assertEquals(List.of("M", "<", "d", "'ye", "'t", "is", ":2", ")", "wannaA"), NltkWordTokenizer.tokenizeSentence("M< d'ye'tis:2 ) wannaA "));
        assertEquals(List.of("%", "'\uD835\uDC00s"), NltkWordTokenizer.tokenizeSentence("%'\uD835\uDC00s "));
        assertEquals(List.of("\uD835\uDC00more'n", ")"), NltkWordTokenizer.tokenizeSentence("\uD835\uDC00more'n)"));
        assertEquals(List.of("\uD835\uDC00wanna", "the"), NltkWordTokenizer.tokenizeSentence("\uD835\uDC00wanna the"));
    }

    @Test
    void sameTokensAsTheRegexCascadeOnEveryTextInTheReferenceData() throws IOException {
        Path shared = SharedData.require("ifeval");
        PunktSentenceTokenizer punkt = new PunktSentenceTokenizer(PunktParameters.load(SharedData.punktEnglish()));
        NltkWordTokenizer scanner = new NltkWordTokenizer(punkt);
        RegexTreebankOracle oracle = new RegexTreebankOracle(punkt);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(shared.getParent().toRealPath())) {
            files = walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        Set<String> texts = new LinkedHashSet<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || !(Json.parse(line) instanceof Map<?, ?> row)) continue;
                for (String field : List.of("prompt", "response")) {
                    if (row.get(field) instanceof String text) texts.add(text);
                }
            }
        }
        for (String text : texts) {
            for (String variant : List.of(text, text.toUpperCase())) {
                assertEquals(oracle.tokenize(variant), scanner.tokenize(variant), variant);
            }
        }
        assertTrue(texts.size() > 5000, "only " + texts.size() + " texts found under " + shared.getParent());
    }
}
