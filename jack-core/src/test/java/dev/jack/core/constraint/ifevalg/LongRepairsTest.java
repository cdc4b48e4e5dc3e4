package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.CheckerCases;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The repairs built in one forward pass, on long responses (20,000 words, sentences or paragraphs), against texts
 * built here the simple way; and, where the pass replaces a loop of edits, against that loop on many small texts.
 */
class LongRepairsTest {
    private static final TextTools TEXT = CheckerCases.TEXT;
    private static final int LONG = 20_000;

    @Test
    void squareBracketsWrapsEveryBareWordOfALongResponse() {
        String[] separators = {" ", "\n", "  ", " \t"};
        StringBuilder response = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < LONG; i++) {
            String word = "w" + i;
            String written = switch (i % 4) {
                case 0 -> word;
                case 1 -> "[" + word;
                case 2 -> word + "]";
                default -> "[" + word + "]";
            };
            String separator = i == 0 ? "" : separators[i % separators.length];
            response.append(separator).append(written);
            expected.append(separator).append('[').append(word).append(']');
        }
        assertEquals(expected.toString(), new SquareBrackets().repairs(response.toString(), TEXT).getFirst().response());
    }

    @Test
    void sentenceWordsArePutInEverySentenceOfALongResponse() {
        StringJoiner response = new StringJoiner(" ");
        StringJoiner firstExpected = new StringJoiner(" ");
        StringJoiner lastExpected = new StringJoiner(" ");
        for (int i = 0; i < LONG; i++) {
            boolean has = i % 3 == 0;
            response.add(has ? "Indeed it is the end." : "It is fine.");
            firstExpected.add(has ? "Indeed it is the end." : "Indeed It is fine.");
            lastExpected.add(has ? "Indeed it is the end." : "It is fine end.");
        }
        assertEquals(firstExpected.toString(), Words.sentenceWordRepair(response.toString(), TEXT, false, "Indeed"));
        assertEquals(lastExpected.toString(), Words.sentenceWordRepair(response.toString(), TEXT, true, "end"));
    }

    @Test
    void excludeWordHarderCutsEveryOccurrenceOfALongResponse() {
        List<String> words = List.of("cat", "cats", "a", "cat.", "cat");
        Random random = new Random(3);
        StringJoiner response = new StringJoiner(" ");
        for (int i = 0; i < LONG; i++) response.add(words.get(random.nextInt(words.size())));
        // Replacing every non-overlapping " cat " again until none is left reaches the same text for a keyword
        // without spaces: occurrences overlap only in a space.
        String expected = response.toString();
        while (expected.contains(" cat ")) expected = expected.replace(" cat ", " ");
        assertEquals(expected, new ExcludeWordHarder("cat").repairs(response.toString(), TEXT).getFirst().response());
    }

    /** The cut that was replaced: the first occurrence made one space, searching again from the start each time. */
    private static String cutFromTheStartEachTime(String response, String keyword) {
        String spaced = " " + keyword + " ";
        String edited = response;
        for (int at = edited.indexOf(spaced); at >= 0; at = edited.indexOf(spaced)) edited = edited.substring(0, at) + " " + edited.substring(at + spaced.length());
        return edited;
    }

    @Test
    void excludeWordHarderCutsAsSearchingFromTheStartEachTimeDid() {
        Random random = new Random(5);
        List<String> pieces = List.of("a", " ", "b", "a a", "  ", "\n");
        for (String keyword : List.of("a", "a a", "a b a", "b")) {
            for (int n = 0; n < 5_000; n++) {
                StringBuilder response = new StringBuilder();
                for (int k = random.nextInt(14); k > 0; k--) response.append(pieces.get(random.nextInt(pieces.size())));
                String r = response.toString();
                String expected = cutFromTheStartEachTime(r, keyword);
                List<dev.jack.core.constraint.Edit> repairs = new ExcludeWordHarder(keyword).repairs(r, TEXT);
                assertEquals(expected, repairs.getFirst().response(), () -> "keyword '" + keyword + "' on '" + r + "'");
            }
        }
    }

    @Test
    void paragraphs2MergesALongResponseIntoTwoParagraphs() {
        String[] separators = {"\n\n", "\n\n\n", "\n\n \n\n", "\n\n\n\n\n", "\n"};
        StringBuilder response = new StringBuilder("Paragraph 0.\n\n\nParagraph 1.");
        StringBuilder expected = new StringBuilder("Paragraph 0.\n\n\nParagraph 1.");
        for (int i = 2; i < LONG; i++) {
            response.append(separators[i % separators.length]).append("Paragraph ").append(i).append('.');
            expected.append('\n').append("Paragraph ").append(i).append('.');
        }
        assertEquals(expected.toString(), new ParagraphsBlankLine().repairs(response.toString(), TEXT).getFirst().response());
    }

    /** The loop that was replaced: the last blank line made a line break, again while there are more than 2 paragraphs. */
    private static String mergedOneAtATime(String collapsed) {
        String edited = collapsed;
        while (Paragraphs.count(PyText.split(edited, "\n\n")) > 2) {
            int last = edited.lastIndexOf("\n\n");
            edited = edited.substring(0, last) + "\n" + edited.substring(last + 2);
        }
        return edited;
    }

    @Test
    void paragraphs2MergesAsTheLoopOfEditsDid() {
        Random random = new Random(7);
        List<String> pieces = List.of("a", "b c", " ", "", "\n", "\n\n", "\n\n\n", "\n\n\n\n\n", "\n\n\t\n\n", "\n\n\r\n\n", "\n \n");
        for (int n = 0; n < 50_000; n++) {
            StringBuilder response = new StringBuilder();
            for (int k = random.nextInt(30); k > 0; k--) response.append(pieces.get(random.nextInt(pieces.size())));
            String r = response.toString();
            assertEquals(mergedOneAtATime(r), ParagraphsBlankLine.mergedToTwo(r), () -> "on '" + r.replace("\n", "\\n") + "'");
        }
    }
}
