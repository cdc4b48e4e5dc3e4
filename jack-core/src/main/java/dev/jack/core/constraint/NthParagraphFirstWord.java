package dev.jack.core.constraint;

import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;

/**
 * length_constraints:nth_paragraph_first_word — exactly N paragraphs separated by blank lines, and
 * paragraph n starts with the word. As in the reference, n indexes the raw split (empty pieces
 * included) while N counts only non-empty paragraphs.
 */
public record NthParagraphFirstWord(int numParagraphs, int nthParagraph, String firstWord) implements Constraint {
    public static final String ID = "length_constraints:nth_paragraph_first_word";
    private static final String PUNCTUATION = ".,?!'\"";

    public NthParagraphFirstWord {
        if (nthParagraph < 1 || nthParagraph > numParagraphs) {
            throw new ParameterException("nth_paragraph", "must be between 1 and num_paragraphs (" + numParagraphs + "), got " + nthParagraph);
        }
        firstWord = PyText.lower(firstWord);
    }

    static NthParagraphFirstWord parse(Kwargs k) {
        return new NthParagraphFirstWord(k.integer("num_paragraphs", 1), k.integer("nth_paragraph", 1), k.string("first_word"));
    }

    public String id() { return ID; }

    public String description() {
        return "There should be " + numParagraphs + " paragraphs. Paragraphs and only paragraphs are separated with each other by two new lines as if it was '\\n\\n' in python. Paragraph " + nthParagraph + " must start with word " + firstWord + ".";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> paragraphs = PyText.split(response, "\n\n");
        int count = 0;
        for (String p : paragraphs) if (!PyText.isBlank(p)) count++;
        if (nthParagraph > count) return false;
        String paragraph = PyText.strip(paragraphs.get(nthParagraph - 1));
        if (paragraph.isEmpty()) return false;
        String word = PyText.lstrip(PyText.lstrip(PyText.split(paragraph).getFirst(), "'"), "\"");
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            if (PUNCTUATION.indexOf(cp) >= 0) break;
            first.append(PyText.lower(Character.toString(cp)));
            i += Character.charCount(cp);
        }
        return count == numParagraphs && first.toString().equals(firstWord);
    }

    public Map<String, Object> kwargs() {
        return Map.of("num_paragraphs", numParagraphs, "nth_paragraph", nthParagraph, "first_word", firstWord);
    }
}
