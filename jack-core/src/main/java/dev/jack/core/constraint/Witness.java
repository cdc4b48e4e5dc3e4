package dev.jack.core.constraint;

import dev.jack.core.text.PyText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * A plain constructed response, built up by the {@link Sketch}es of a synthesized prompt, that is meant
 * to satisfy all its constraints; the synthesizer checks the rendered text with the strict checkers.
 * A block is a paragraph: lines joined by newlines; a prose line is sentences joined by spaces. Rendering
 * joins the blocks (blank lines by default), adds the front matter before the first block's lines and the
 * back matter after the last block's, appends the end phrase, applies the letter case, then the wrappers.
 */
public final class Witness {
    public enum Case { AS_IS, LOWER, UPPER }

    /** One line of a block: prose sentences, or a fixed line (a bullet, a section marker). */
    public static final class Line {
        private final List<String> sentences = new ArrayList<>();
        private final String fixed;

        private Line(String fixed) {
            this.fixed = fixed;
        }

        public static Line prose(String sentence) {
            Line l = new Line(null);
            l.sentences.add(sentence);
            return l;
        }

        public static Line fixed(String text) {
            return new Line(text);
        }

        public boolean isProse() {
            return fixed == null;
        }

        /** The sentences of a prose line, to add to or edit (empty for a fixed line). */
        public List<String> sentences() {
            return sentences;
        }

        void appendTo(StringBuilder out) {
            if (fixed != null) {
                out.append(fixed);
                return;
            }
            for (int i = 0; i < sentences.size(); i++) {
                if (i > 0) out.append(' ');
                out.append(sentences.get(i));
            }
        }
    }

    private final List<List<Line>> blocks = new ArrayList<>();
    private final List<String> frontMatter = new ArrayList<>(1);
    private final List<String> backMatter = new ArrayList<>(1);
    private final List<UnaryOperator<String>> wrappers = new ArrayList<>(1);
    private String endPhrase;
    private String blockSeparator = "\n\n";
    private boolean twoResponses;
    private Case letterCase = Case.AS_IS;

    /** One block per first sentence, each a prose line with that sentence. */
    public Witness(List<String> firstSentences) {
        for (String s : firstSentences) {
            List<Line> block = new ArrayList<>();
            block.add(Line.prose(s));
            blocks.add(block);
        }
    }

    /** The blocks, to add lines to or edit. */
    public List<List<Line>> blocks() {
        return blocks;
    }

    /**
     * Makes the whole response this text, as one fixed line: for a constraint that dictates all of it (a
     * copy of the request, an alphabet chain), which is therefore always alone ({@link ConstraintType#alone()}).
     */
    public void setText(String text) {
        blocks.clear();
        List<Line> block = new ArrayList<>();
        block.add(Line.fixed(text));
        blocks.add(block);
    }

    /** All prose lines, in order. */
    public List<Line> proseLines() {
        List<Line> lines = new ArrayList<>();
        for (List<Line> block : blocks) for (Line l : block) if (l.isProse()) lines.add(l);
        return lines;
    }

    /** How many prose lines there are. */
    public int proseLineCount() {
        int n = 0;
        for (List<Line> block : blocks) for (Line l : block) if (l.isProse()) n++;
        return n;
    }

    /** The i-th prose line, as {@code proseLines().get(i)} without building the list. */
    public Line proseLine(int i) {
        for (List<Line> block : blocks) {
            for (Line l : block) {
                if (l.isProse() && i-- == 0) return l;
            }
        }
        throw new IndexOutOfBoundsException(i);
    }

    /** A line before the first block's lines (a repeated request, a title), after earlier ones. */
    public void addFrontMatter(String line) {
        frontMatter.add(line);
    }

    /** A line after the last block's lines (a postscript). */
    public void addBackMatter(String line) {
        backMatter.add(line);
    }

    /** Text that ends the response, after a space. */
    public void setEndPhrase(String phrase) {
        endPhrase = phrase;
    }

    /** What joins blocks (default a blank line). */
    public void setBlockSeparator(String separator) {
        blockSeparator = separator;
    }

    /** Renders the blocks as two responses, the halves separated by a line of six asterisks. */
    public void splitInTwo() {
        twoResponses = true;
    }

    public void setCase(Case letterCase) {
        this.letterCase = letterCase;
    }

    public Case letterCase() {
        return letterCase;
    }

    /** Wraps the whole cased text (JSON, quotation marks); later wrappers wrap earlier ones. */
    public void wrap(UnaryOperator<String> wrapper) {
        wrappers.add(wrapper);
    }

    public String render() {
        StringBuilder out = new StringBuilder(256);
        int half = twoResponses ? blocks.size() / 2 : -1;
        for (int b = 0; b < blocks.size(); b++) {
            if (b == half) out.append("\n******\n");
            else if (b > 0) out.append(blockSeparator);
            int lines = 0;
            if (b == 0) {
                for (String line : frontMatter) (lines++ > 0 ? out.append('\n') : out).append(line);
            }
            for (Line line : blocks.get(b)) line.appendTo(lines++ > 0 ? out.append('\n') : out);
            if (b == blocks.size() - 1) {
                for (String line : backMatter) (lines++ > 0 ? out.append('\n') : out).append(line);
            }
        }
        if (endPhrase != null) out.append(' ').append(endPhrase);
        String body = switch (letterCase) {
            case AS_IS -> out.toString();
            case LOWER -> PyText.lower(out.toString());
            case UPPER -> out.toString().toUpperCase(Locale.ROOT);
        };
        for (UnaryOperator<String> wrapper : wrappers) body = wrapper.apply(body);
        return body;
    }

    /** The sentence without its final period. */
    public static String stripPeriod(String sentence) {
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }
}
