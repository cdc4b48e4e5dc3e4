package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.ifeval.JsonFormat;
import dev.jack.core.constraint.ifeval.NthParagraphFirstWord;
import dev.jack.core.constraint.ifeval.NumberOfParagraphs;
import dev.jack.core.constraint.ifeval.TwoResponses;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/** paragraphs:paragraphs2 — exactly 2 non-blank paragraphs between "\n\n" separators (blank ones only at the ends). */
public record ParagraphsBlankLine() implements Constraint {
    public static final String ID = "paragraphs:paragraphs2";

    public static final ConstraintType<ParagraphsBlankLine> TYPE = ConstraintType.builder(ID, ParagraphsBlankLine::parse)
            .example(new ParagraphsBlankLine())
            .conflict(NumberOfParagraphs.ID, "both set the paragraph count")
            .conflict(NthParagraphFirstWord.ID, "both set the paragraph count")
            .conflict(TwoResponses.ID, "the ****** separator would join the paragraphs")
            .conflict(JsonFormat.ID, "JSON output has no paragraphs")
            .hardness(0.35)
            .phrasings("There should be 2 paragraphs. Paragraphs and only paragraphs are separated with each other by two line breaks. ",
                    "Write exactly two paragraphs, separated by one blank line, and use no other blank lines.",
                    "Your answer must be 2 paragraphs separated by two line breaks, with no other double line breaks.")
            .synthesis(62, () -> Sampling.INSTANCE)
            .build();

    private static ParagraphsBlankLine parse(Kwargs k) {
        return new ParagraphsBlankLine();
    }

    public ConstraintType<ParagraphsBlankLine> type() { return TYPE; }

    public String description() {
        return "There should be 2 paragraphs. Paragraphs and only paragraphs are separated with each other by two line breaks. ";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return Paragraphs.count(PyText.split(response, "\n\n")) == 2;
    }

    /** Each blank-line separator, each empty paragraph between two, and, with another count than 2, where that shows. */
    public List<Span> spans(String response, TextTools text) {
        List<Span> out = new ArrayList<>();
        int from = 0;
        int paragraphs = 0;
        for (int index = 0; ; index++) {
            int at = response.indexOf("\n\n", from);
            String piece = response.substring(from, at < 0 ? response.length() : at);
            if (!PyText.isBlank(piece)) paragraphs++;
            else if (index > 0 && at >= 0) out.add(new Span(from, at, "empty paragraph (only the first or last may be)"));
            if (at < 0) break;
            out.add(new Span(at, at + 2, "paragraph break"));
            from = at + 2;
        }
        if (paragraphs != 2) out.add(Span.missing(Edits.textEnd(response), paragraphs + " paragraphs, exactly 2 needed"));
        out.sort(java.util.Comparator.comparingInt(Span::start));
        return out;
    }

    /** The last blank line made a line break, or a paragraph added. */
    public List<Edit> breaks(String response, TextTools text) {
        List<Edit> out = new ArrayList<>(2);
        int last = response.lastIndexOf("\n\n");
        if (last >= 0) out.add(new Edit("merge_paragraphs", Edits.replace(response, last, last + 2, "\n")));
        int end = Edits.textEnd(response);
        out.add(new Edit("add_paragraph", Edits.replace(response, end, end, "\n\n" + Edits.fillers(response, 1).getFirst())));
        return Edits.verified(out, r -> !isFollowedBy(r, text));
    }

    /**
     * Runs of blank lines made one, then the last separators made line breaks until two paragraphs are left, or, with
     * one, the text split at its middle sentence end or a paragraph added.
     */
    public List<Edit> repairs(String response, TextTools text) {
        String edited = mergedToTwo(response.replaceAll("\n\n(?:[ \t]*\n\n)+", "\n\n"));
        List<Edit> out = new ArrayList<>(List.of(new Edit("merge_paragraphs", edited)));
        List<int[]> sentences = text.sentenceSpans(edited);
        if (sentences.size() > 1) {
            int at = sentences.get(sentences.size() / 2)[0];
            out.add(new Edit("split_paragraph", Edits.replace(edited, PyText.rstrip(edited.substring(0, at)).length(), at, "\n\n")));
        }
        int end = Edits.textEnd(edited);
        out.add(new Edit("add_paragraph", Edits.replace(edited, end, end, "\n\n" + Edits.fillers(response, 1).getFirst())));
        return Edits.verified(out, r -> isFollowedBy(r, text));
    }

    /**
     * The text with its last blank line made a line break (the last {@code "\n\n"} made {@code "\n"}), again while it
     * has more than 2 paragraphs ({@link Paragraphs#count}). Worked out on its {@code "\n\n"} pieces in one pass
     * (editing the text and counting again per blank line is quadratic: 1.2 s at 5,000 paragraphs). The last
     * {@code "\n\n"} is the last separator, or, where three line breaks end the last separator, the last two of them:
     * that edit only drops the leading line break of the last piece, whose blankness it keeps.
     */
    static String mergedToTwo(String collapsed) {
        List<String> pieces = PyText.split(collapsed, "\n\n");
        int last = pieces.size() - 1;
        // The pieces from head on are joined by single line breaks; headCut: the head's leading line break dropped.
        int head = last;
        boolean headCut = false;
        boolean tailBlank = PyText.isBlank(pieces.get(last));
        int middleBlank = 0;
        for (int i = 1; i < last; i++) if (PyText.isBlank(pieces.get(i))) middleBlank++;
        while (paragraphs(head, middleBlank, PyText.isBlank(pieces.getFirst()), tailBlank) > 2) {
            if (!headCut && pieces.get(head).startsWith("\n")) {
                headCut = true;
                continue;
            }
            head--;
            boolean blank = PyText.isBlank(pieces.get(head));
            if (blank && head > 0) middleBlank--;
            tailBlank &= blank;
            headCut = false;
        }
        StringBuilder out = new StringBuilder(collapsed.length());
        for (int i = 0; i <= last; i++) {
            String piece = pieces.get(i);
            if (i > 0) out.append(i <= head ? "\n\n" : "\n");
            boolean cut = i > head || (i == head && headCut);
            out.append(piece, cut && piece.startsWith("\n") ? 1 : 0, piece.length());
        }
        return out.toString();
    }

    /** {@link Paragraphs#count} of pieces 0 to head, the head being the tail's pieces joined. */
    private static int paragraphs(int head, int middleBlank, boolean firstBlank, boolean tailBlank) {
        if (head == 0) return tailBlank ? 0 : 1;
        if (middleBlank > 0) return -1;
        return head + 1 - (firstBlank ? 1 : 0) - (tailBlank ? 1 : 0);
    }

    /** Two blocks, joined by a blank line (the default). */
    private enum Sampling implements Sketch<ParagraphsBlankLine> {
        INSTANCE;

        public void layout(Draft d) {
            d.setBlockCount(2);
        }

        public ParagraphsBlankLine finish(Draft d) {
            return new ParagraphsBlankLine();
        }
    }
}
