package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.ifeval.EnglishCapital;
import dev.jack.core.constraint.ifeval.NthParagraphFirstWord;
import dev.jack.core.constraint.ifevalg.FirstWordAnswer;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/**
 * format:thesis — from the first {@code <i>} (else {@code <em>}), a non-blank thesis up to the first
 * {@code </i>} (else {@code </em>}), then non-blank text. The cuts use the lengths of {@code <i>} and
 * {@code </i>} even for {@code <em>}, so "&lt;em&gt;Thesis&lt;/em&gt;" alone passes (the leftover "&gt;"
 * is the following text).
 */
public record ItalicsThesis() implements Constraint {
    public static final String ID = "format:thesis";

    public static final ConstraintType<ItalicsThesis> TYPE = ConstraintType.builder(ID, ItalicsThesis::parse)
            .example(new ItalicsThesis())
            .conflict(EnglishCapital.ID, "the HTML tag is matched in lower case")
            .conflict(TitleCase.ID, "title case would capitalize the HTML tag")
            .conflict(StartWithVerb.ID, "the italics tag would open the response")
            .conflict(FirstWordAnswer.ID, "the italics tag would be part of the first word")
            .conflict(NthParagraphFirstWord.ID, "the italics tag would be the first paragraph's first word")
            .hardness(0.4)
            .phrasings("Each section must begin with a thesis statement in italics, use HTML to indicate the italics.",
                    "Open your answer with a thesis statement in italics, marked with HTML <i> tags.",
                    "Start with a one-sentence thesis in HTML italics (<i>...</i>), then develop it.")
            .synthesis(970, () -> Sampling.INSTANCE)
            .build();

    private static ItalicsThesis parse(Kwargs k) {
        return new ItalicsThesis();
    }

    public ConstraintType<ItalicsThesis> type() { return TYPE; }

    public String description() {
        return "Each section must begin with a thesis statement in italics, use HTML to indicate the italics.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        int start = response.indexOf("<i>");
        if (start < 0) start = response.indexOf("<em>");
        if (start < 0) return false;
        String value = response.substring(start);
        int end = value.indexOf("</i>");
        if (end < 0) end = value.indexOf("</em>");
        if (end < 0) return false;
        // value starts with "<i>" or "<em>" and value[end:] with "</i>" or "</em>": ASCII, so UTF-16
        // offsets equal the reference's code point offsets here.
        String thesis = end > 3 ? value.substring(3, end) : "";
        if (PyText.isBlank(thesis)) return false;
        return !PyText.isBlank(value.substring(Math.min(end + 4, value.length())));
    }

    /** The thesis a repair puts first when the first sentence cannot be italicized. */
    private static final String THESIS = "This is the main point.";

    /**
     * The thesis from the opening tag the checker takes through its closing tag, labelled by what the checker finds
     * there; without an opening tag (or a closing one after it), an empty span where it would go.
     */
    public List<Span> spans(String response, TextTools text) {
        int start = response.indexOf("<i>");
        if (start < 0) start = response.indexOf("<em>");
        if (start < 0) return List.of(Span.missing(PyText.stripStart(response), "no thesis in italics"));
        int close = response.indexOf("</i>", start);
        if (close < 0) close = response.indexOf("</em>", start);
        if (close < 0) return List.of(Span.missing(Edits.textEnd(response), "the italics are never closed"));
        int end = close + (response.startsWith("</i>", close) ? 4 : 5);
        String label = isFollowedBy(response, text) ? "thesis in italics"
                : PyText.isBlank(close - start > 3 ? response.substring(start + 3, close) : "") ? "blank thesis" : "nothing after the thesis";
        return List.of(new Span(start, end, label));
    }

    /** Every {@code <i>} and {@code <em>} tag removed. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(List.of(new Edit("remove_italics", response.replace("<i>", "").replace("<em>", ""))), r -> !isFollowedBy(r, text));
    }

    /** The first sentence put in {@code <i>} tags, else a short thesis in them put first. */
    public List<Edit> repairs(String response, TextTools text) {
        List<Edit> out = new ArrayList<>(2);
        List<int[]> sentences = text.sentenceSpans(response);
        if (!sentences.isEmpty()) {
            int[] first = sentences.getFirst();
            String sentence = response.substring(first[0], first[1]);
            // A sentence already in italics would only nest them.
            if (!sentence.contains("<i>") && !sentence.contains("<em>")) out.add(new Edit("italicize_first_sentence", Edits.replace(response, first[0], first[1], "<i>" + sentence + "</i>")));
        }
        out.add(new Edit("add_thesis", "<i>" + Edits.inCaseOf(response, THESIS) + "</i> " + response));
        return Edits.verified(out, r -> isFollowedBy(r, text));
    }

    /** The first prose sentence in {@code <i>} tags, with a sentence after it in the same line. */
    private enum Sampling implements Sketch<ItalicsThesis> {
        INSTANCE;

        public void content(Draft d) {
            List<String> sentences = d.witness().proseLine(0).sentences();
            sentences.set(0, "<i>" + sentences.getFirst() + "</i>");
            if (sentences.size() == 1) sentences.add(d.sentence());
        }

        public ItalicsThesis finish(Draft d) {
            return new ItalicsThesis();
        }
    }
}
