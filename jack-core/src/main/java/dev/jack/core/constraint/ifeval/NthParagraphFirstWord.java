package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.ParameterException;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Witness;
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

    public static final ConstraintType<NthParagraphFirstWord> TYPE = ConstraintType.builder(ID, NthParagraphFirstWord::parse)
            .parameters(Parameter.integer("num_paragraphs", 1), new Parameter("nth_paragraph", "integer from 1 to num_paragraphs"),
                    Parameter.string("first_word"))
            .example(new NthParagraphFirstWord(3, 2, "however"))
            .hardness(0.7)
            .phrasings("There should be {num_paragraphs} {paragraphs}, separated by blank lines, and paragraph {nth_paragraph} must start with the word \"{first_word}\".",
                    "Write {num_paragraphs} {paragraphs} separated by two new lines. Start paragraph {nth_paragraph} with the word {first_word}.",
                    "Your answer needs {num_paragraphs} {paragraphs} divided by empty lines; paragraph {nth_paragraph} has to begin with \"{first_word}\".")
            .synthesis(70, Sampling::new)
            .build();

    private static NthParagraphFirstWord parse(Kwargs k) {
        return new NthParagraphFirstWord(k.integer("num_paragraphs", 1), k.integer("nth_paragraph", 1), k.string("first_word"));
    }

    public ConstraintType<NthParagraphFirstWord> type() { return TYPE; }

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

    /**
     * 1-5 blocks, and paragraph n opened by a pool sentence whose first word has no apostrophe. With
     * front matter (a title, the repeated request) in the first block, both are at least 2, since that
     * matter would be the first paragraph's first word.
     */
    private static final class Sampling implements Sketch<NthParagraphFirstWord> {
        private int paragraphs;
        private int nth;
        private String firstWord;

        public void layout(Draft d) {
            int lowest = d.hasFrontMatter() ? 2 : 1;
            paragraphs = d.between(lowest, 5);
            d.setBlockCount(paragraphs);
            nth = d.between(lowest, paragraphs);
        }

        public void content(Draft d) {
            String opener = d.pick(d.pool().stream().filter(s -> !s.substring(0, s.indexOf(' ')).contains("'")).toList());
            d.witness().blocks().get(nth - 1).set(0, Witness.Line.prose(opener));
            firstWord = PyText.lower(opener.substring(0, opener.indexOf(' ')));
        }

        public NthParagraphFirstWord finish(Draft d) {
            return new NthParagraphFirstWord(paragraphs, nth, firstWord);
        }
    }
}
