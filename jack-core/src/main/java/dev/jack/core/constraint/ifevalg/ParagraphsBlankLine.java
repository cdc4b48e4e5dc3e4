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
        String edited = response.replaceAll("\n\n(?:[ \t]*\n\n)+", "\n\n");
        while (!isFollowedBy(edited, text) && Paragraphs.count(PyText.split(edited, "\n\n")) > 2) {
            int last = edited.lastIndexOf("\n\n");
            edited = Edits.replace(edited, last, last + 2, "\n");
        }
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
