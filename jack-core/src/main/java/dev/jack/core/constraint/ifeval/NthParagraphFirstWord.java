package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.ParameterException;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.Witness;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /** Where each piece of {@code response.split("\n\n")} starts. */
    private static List<Integer> pieceStarts(String response) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int at = response.indexOf("\n\n"); at >= 0; at = response.indexOf("\n\n", at + 2)) starts.add(at + 2);
        return starts;
    }

    /**
     * Paragraph n's first word as the check reads it, as {token start, word start, word end, token end} (the token is
     * the first whitespace-separated piece, the word that token less leading quotes, up to punctuation); null when
     * there are fewer paragraphs than n or paragraph n is empty.
     */
    private int[] firstWord(String response) {
        List<Integer> starts = pieceStarts(response);
        if (nthParagraph > starts.size()) return null;
        int pieceStart = starts.get(nthParagraph - 1);
        int pieceEnd = nthParagraph < starts.size() ? starts.get(nthParagraph) - 2 : response.length();
        int token = pieceStart + PyText.stripStart(response.substring(pieceStart, pieceEnd));
        if (token >= pieceEnd) return null;
        int tokenEnd = token;
        while (tokenEnd < pieceEnd && !PyText.isSpace(response.codePointAt(tokenEnd))) tokenEnd += Character.charCount(response.codePointAt(tokenEnd));
        int word = token;
        while (word < tokenEnd && response.charAt(word) == '\'') word++;
        while (word < tokenEnd && response.charAt(word) == '"') word++;
        int wordEnd = word;
        while (wordEnd < tokenEnd && PUNCTUATION.indexOf(response.charAt(wordEnd)) < 0) wordEnd++;
        return new int[] {token, word, wordEnd, tokenEnd};
    }

    private static int paragraphs(String response) {
        int count = 0;
        for (String p : PyText.split(response, "\n\n")) if (!PyText.isBlank(p)) count++;
        return count;
    }

    /** Paragraph n's first word (saying whether it is the wrong one), and where the paragraph count is wrong. */
    public List<Span> spans(String response, TextTools text) {
        List<Span> out = new ArrayList<>(2);
        int count = paragraphs(response);
        int[] w = nthParagraph > count ? null : firstWord(response);
        if (w != null) {
            boolean right = PyText.lower(response.substring(w[1], w[2])).equals(firstWord);
            out.add(new Span(w[1], w[2], right ? "first word of paragraph " + nthParagraph : "first word of paragraph " + nthParagraph + ", not \"" + firstWord + "\""));
        } else {
            out.add(Span.missing(Edits.textEnd(response), "no paragraph " + nthParagraph));
        }
        if (count != numParagraphs) out.add(Span.missing(Edits.textEnd(response), count + " paragraphs, exactly " + numParagraphs + " needed"));
        return out;
    }

    /** Paragraph n's first word cut (the next one capitalized as it was), or the last two paragraphs merged. */
    public List<Edit> breaks(String response, TextTools text) {
        List<Edit> out = new ArrayList<>(2);
        int[] w = firstWord(response);
        if (w != null) {
            int next = w[3] + PyText.stripStart(response.substring(w[3]));
            String rest = response.substring(next);
            if (!rest.isEmpty() && Character.isUpperCase(response.codePointAt(w[1])) && Character.isLowerCase(rest.codePointAt(0))) {
                rest = rest.substring(0, Character.charCount(rest.codePointAt(0))).toUpperCase(Locale.ROOT) + rest.substring(Character.charCount(rest.codePointAt(0)));
            }
            out.add(new Edit("remove_first_word", response.substring(0, w[0]) + rest));
        }
        int last = PyText.rstrip(response).lastIndexOf("\n\n");
        if (last > 0) out.add(new Edit("merge_paragraphs", Edits.replace(response, last, last + 2, "\n")));
        return out;
    }

    /** With the right paragraph count: the word put first in paragraph n (the old first word lowercased when capitalized). */
    public List<Edit> repairs(String response, TextTools text) {
        int[] w = paragraphs(response) == numParagraphs ? firstWord(response) : null;
        if (w == null) return List.of();
        String old = response.substring(w[0], w[3]);
        // "Summary:" is read as the word "summary:"; another "Summary" before it would not read well.
        if (PyText.lower(old).startsWith(firstWord)) return List.of();
        boolean capitalized = old.length() > 1 && Character.isUpperCase(old.charAt(0)) && PyText.isLower(old.substring(1));
        String word = Edits.inCaseOf(response, firstWord.substring(0, 1).toUpperCase(Locale.ROOT) + firstWord.substring(1));
        String rest = capitalized ? PyText.lower(old.substring(0, 1)) + old.substring(1) : old;
        return List.of(new Edit("prepend_first_word", response.substring(0, w[0]) + word + " " + rest + response.substring(w[3])));
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
