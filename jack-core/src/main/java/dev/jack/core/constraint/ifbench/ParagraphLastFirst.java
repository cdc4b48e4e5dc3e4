package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.Vocabulary;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/**
 * words:paragraph_last_first — every non-blank line, lower-cased and stripped of ASCII punctuation and
 * spaces at both ends, starts and ends with the same whitespace word.
 */
public record ParagraphLastFirst() implements Constraint {
    public static final String ID = "words:paragraph_last_first";

    public static final ConstraintType<ParagraphLastFirst> TYPE = ConstraintType.builder(ID, ParagraphLastFirst::parse)
            .example(new ParagraphLastFirst())
            .alone("each line's first and last words are fixed, which other constraints' lines and phrases would break")
            .hardness(0.7)
            .phrasings("Each paragraph must end with the same word it started with, separate paragraphs with a newline.",
                    "Write paragraphs separated by newlines, each ending with the word it began with.",
                    "Every paragraph (one per line) must start and end with the same word.")
            .synthesis(500, () -> Sampling.INSTANCE)
            .build();

    private static ParagraphLastFirst parse(Kwargs k) {
        return new ParagraphLastFirst();
    }

    public ConstraintType<ParagraphLastFirst> type() { return TYPE; }

    public String description() {
        return "Each paragraph must end with the same word it started with, separate paragraphs with a newline.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        for (String line : PyText.split(response, "\n")) {
            String paragraph = PyText.lower(PyText.strip(line));
            if (paragraph.isEmpty()) continue;
            List<String> words = PyText.words(PyText.stripPunctuation(paragraph));
            if (!words.isEmpty() && !words.getFirst().equals(words.getLast())) return false;
        }
        return true;
    }

    private static final List<String> MIDDLES = List.of(" paths lead back to the ", " is the place we call the ", " stays close to every other ");

    private List<int[]> failingLines(String response, TextTools text) {
        return Edits.lines(response).stream().filter(l -> l[1] > l[0] && !isFollowedBy(response.substring(l[0], l[1]), text)).toList();
    }

    /** Where a word goes to end the line: before its trailing punctuation. */
    private static int lineEnd(String response, int[] line) {
        return line[0] + PyText.rstrip(response.substring(line[0], line[1]), PyText.PUNCTUATION_AND_SPACE).length();
    }

    /** Each line that does not end with its first word, or the whole text when none. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.failingOrWhole(response, failingLines(response, text), "does not end with its first word", "each line ends with its first word");
    }

    /** A word added at the end of the first line. */
    public List<Edit> breaks(String response, TextTools text) {
        int[] first = Edits.lines(response).stream().filter(l -> l[1] > l[0]).findFirst().orElse(null);
        if (first == null) return List.of();
        int at = lineEnd(response, first);
        return Edits.verified(List.of(new Edit("add_word", Edits.replace(response, at, at, " indeed"))), r -> !isFollowedBy(r, text));
    }

    /** Each line's first word repeated at its end (before its closing punctuation). */
    public List<Edit> repairs(String response, TextTools text) {
        StringBuilder edited = new StringBuilder(response);
        for (int[] line : failingLines(response, text).reversed()) {
            String body = response.substring(line[0], line[1]);
            int offset = body.length() - PyText.lstrip(body, PyText.PUNCTUATION_AND_SPACE).length();
            int[] first = Edits.whitespaceWords(body.substring(offset)).getFirst();
            edited.insert(lineEnd(response, line), " " + body.substring(offset + first[0], offset + first[1]));
        }
        return Edits.verified(List.of(new Edit("repeat_first_word", edited.toString())), r -> isFollowedBy(r, text));
    }

    /** Two to five lines "Garden paths lead back to the garden." over distinct keywords. */
    private enum Sampling implements Sketch<ParagraphLastFirst> {
        INSTANCE;

        public void content(Draft d) {
            List<String> lines = new ArrayList<>();
            for (String word : d.pickDistinct(Vocabulary.KEYWORDS, d.between(2, 5))) {
                lines.add(Character.toUpperCase(word.charAt(0)) + word.substring(1) + d.pick(MIDDLES) + word + ".");
            }
            d.witness().setText(String.join("\n", lines));
        }

        public ParagraphLastFirst finish(Draft d) {
            return new ParagraphLastFirst();
        }
    }
}
