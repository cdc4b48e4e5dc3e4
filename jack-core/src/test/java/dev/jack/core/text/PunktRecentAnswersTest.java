package dev.jack.core.text;

import dev.jack.core.SharedData;
import dev.jack.core.ifeval.Verifier;
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
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Punkt's per-thread memory (recent texts' spans, the table of break decisions by context) and the leading-token
 * shortcut must not change an answer: one tokenizer asked in a checker's order (a text, its loose variants, their
 * sentences, one sentence of a text split only that far) gives what a fresh tokenizer gives each text alone, on every text in the reference data and on generated
 * texts dense in abbreviations, initials, numbers, quotes and line breaks.
 */
class PunktRecentAnswersTest {
    private static final PunktParameters ENGLISH = PunktParameters.english();

    private static final String[] FRAGMENTS = {"Dr.", "dr.", "Mr. Smith", "e.g.", "U.S.", "J.", "No.", "5.", "June", "the", "The", "ok",
            "It", "was", "late.", "Why?", "Yes!", "...", ". . .", "--", "\"Go.\"", "'x.'", "(a.)", "[b.]", "{c.}", "3.14", "1,000.",
            "-2.", "\n", "\n\n", "  ", " ", "*", "**bold.**", "plan B.", "Inc.", "vs.", "a.m.", "Wait", "what.", "Z.", "é.", "İ."};

    private static String generate(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = 1 + random.nextInt(40); i > 0; i--) {
            b.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            if (random.nextInt(4) != 0) b.append(' ');
        }
        return b.toString();
    }

    private static void checkInCheckerOrder(List<String> texts) {
        PunktSentenceTokenizer shared = new PunktSentenceTokenizer(ENGLISH);
        NltkWordTokenizer words = new NltkWordTokenizer(shared);
        TextTools tools = new TextTools(() -> ENGLISH);
        for (String text : texts) {
            List<String> asked = new ArrayList<>();
            asked.add(text);
            asked.addAll(Verifier.looseVariants(text));
            for (String t : List.copyOf(asked)) asked.addAll(new PunktSentenceTokenizer(ENGLISH).sentences(t));
            List<List<String>> expected = new ArrayList<>();
            for (String t : asked) expected.add(new PunktSentenceTokenizer(ENGLISH).sentences(t));
            // Twice over, as the constraints of a row ask again.
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < asked.size(); i++) {
                    String t = asked.get(i);
                    assertEquals(expected.get(i), shared.sentences(t), t);
                    assertEquals(expected.get(i).size(), shared.countSentences(t), t);
                }
            }
            // One sentence asked for alone: from a split cut short after it (memory forgotten first), and from memory.
            // (The text and its loose variants; the first eight indexes and the last ones.)
            PunktSentenceTokenizer alone = new PunktSentenceTokenizer(ENGLISH);
            for (int i = 0; i <= Verifier.looseVariants(text).size(); i++) {
                List<String> sentences = expected.get(i);
                for (int index = 0; index <= sentences.size() + 1; index = index == 7 ? Math.max(8, sentences.size() - 2) : index + 1) {
                    String want = index < sentences.size() ? sentences.get(index) : null;
                    alone.forgetRecent();
                    assertEquals(want, alone.sentence(asked.get(i), index), asked.get(i) + " | " + index);
                    assertEquals(want, shared.sentence(asked.get(i), index), asked.get(i) + " | " + index);
                }
            }
            // The word tokens TextTools keeps for a row's last few texts: each text's own, however many texts came between.
            tools.forgetRecent();
            NltkWordTokenizer fresh = new NltkWordTokenizer(new PunktSentenceTokenizer(ENGLISH));
            List<List<String>> expectedWords = new ArrayList<>();
            for (String t : asked) expectedWords.add(fresh.tokenize(t));
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < asked.size(); i++) {
                    String t = asked.get(i);
                    List<String> leading = tools.leadingWordTokens(t, 3);
                    assertEquals(expectedWords.get(i).subList(0, leading.size()), leading, t);
                    assertEquals(expectedWords.get(i), tools.wordTokenize(t), t);
                }
            }
            List<String> all = new NltkWordTokenizer(new PunktSentenceTokenizer(ENGLISH)).tokenize(text);
            for (int count = 1; count <= 4; count++) {
                List<String> leading = words.tokenizeLeading(text, count);
                assertEquals(all.subList(0, leading.size()), leading, text);
                assertTrue(leading.size() >= Math.min(count, all.size()), text);
            }
        }
    }

    @Test
    void sameAnswersAsAFreshTokenizerOnGeneratedTexts() {
        Random random = new Random(15);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 3000; i++) texts.add(generate(random));
        checkInCheckerOrder(texts);
    }

    @Test
    void sameAnswersAsAFreshTokenizerOnEveryTextInTheReferenceData() throws IOException {
        Path root = SharedData.require("ifbench").getParent().toRealPath();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        Set<String> texts = new LinkedHashSet<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || !(Json.parse(line) instanceof Map<?, ?> row)) continue;
                if (row.get("response") instanceof String text) texts.add(text);
            }
        }
        assertTrue(texts.size() > 3000, "only " + texts.size() + " responses found under " + root);
        checkInCheckerOrder(List.copyOf(texts));
    }

    /**
     * A text is found among the recent ones by identity or by equal content (not by hash): an equal copy gets the same
     * remembered sentences, and a text of the same length but other content gets its own.
     */
    @Test
    void recentTextsAreFoundByContentNotOnlyByIdentity() {
        PunktSentenceTokenizer punkt = new PunktSentenceTokenizer(ENGLISH);
        String text = "It was late. Dr. Smith left.";
        String sameLength = "It was late? Dr. Smith left.";
        List<String> sentences = punkt.sentences(text);
        assertSame(sentences, punkt.sentences(new String(text)), "an equal copy finds the remembered split");
        assertEquals(List.of("It was late?", "Dr. Smith left."), punkt.sentences(sameLength));
        assertEquals(List.of("It was late.", "Dr. Smith left."), punkt.sentences(new String(text)));
        assertEquals(2, punkt.countSentences(new String(sameLength)));
        assertEquals(1, punkt.countSentences("It was late, Dr. Smith left."));
    }

    /**
     * What a thread remembers lasts until {@link TextTools#forgetRecent} (a verifier's next row): the same answers are
     * given again after it, but computed afresh, so no row reuses another row's work.
     */
    @Test
    void forgetRecentDropsEveryRememberedAnswer() {
        TextTools text = new TextTools(PunktParameters::english);
        String response = "Dr. Smith left at 5 p.m. on Monday. He was late! Was he?";
        List<String> sentences = text.sentences(response);
        List<String> tokens = text.wordTokenize(response);
        List<String> tags = text.posTags(tokens);
        assertSame(sentences, text.sentences(response));
        assertSame(tokens, text.wordTokenize(response));
        assertSame(tags, text.posTags(tokens));
        text.forgetRecent();
        assertNotSame(sentences, text.sentences(response), "Punkt splits the text again");
        assertEquals(sentences, text.sentences(response));
        assertNotSame(tokens, text.wordTokenize(response));
        assertNotSame(tags, text.posTags(tokens), "the tagger tags the tokens again");
        assertEquals(tags, text.posTags(tokens));
    }
}
