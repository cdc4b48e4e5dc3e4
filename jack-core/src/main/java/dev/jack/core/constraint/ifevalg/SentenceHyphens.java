package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/**
 * detectable_format:sentence_hyphens — splitting the response at each '-' gives, pairwise (as far as
 * both lists go), unstripped pieces equal to the regex-splitter sentences of the response with every
 * '-' read as a space.
 */
public record SentenceHyphens() implements Constraint {
    public static final String ID = "detectable_format:sentence_hyphens";

    public static final ConstraintType<SentenceHyphens> TYPE = ConstraintType.builder(ID, SentenceHyphens::parse)
            .example(new SentenceHyphens())
            .analyses(TextAnalysis.REGEX_SENTENCES)
            .alone("its sentences are joined by hyphens into one line, which other constraints' lines would break")
            .hardness(0.6)
            .phrasings("All sentences must be connected using hyphens, with no spaces between them.",
                    "Join all your sentences with hyphens and no spaces, like: First sentence.-Second sentence.",
                    "Connect every sentence to the next with a hyphen, leaving no space around it.")
            .synthesis(500, () -> Sampling.INSTANCE)
            .build();

    private static SentenceHyphens parse(Kwargs k) {
        return new SentenceHyphens();
    }

    public ConstraintType<SentenceHyphens> type() { return TYPE; }

    public String description() {
        return "All sentences must be connected using hyphens, with no spaces between them.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> gold = text.regexSentences(response.replace('-', ' '));
        List<String> pieces = PyText.split(response, "-");
        for (int i = 0; i < Math.min(gold.size(), pieces.size()); i++) {
            String piece = pieces.get(i);
            if (!PyText.strip(piece).equals(piece) || !piece.equals(gold.get(i))) return false;
        }
        return true;
    }

    /** Failed: the first piece between hyphens that is not the sentence the splitter reads there; passed: each hyphen. */
    public List<Span> spans(String response, TextTools text) {
        List<String> gold = text.regexSentences(response.replace('-', ' '));
        List<String> pieces = PyText.split(response, "-");
        int at = 0;
        for (int i = 0; i < Math.min(gold.size(), pieces.size()); i++) {
            String piece = pieces.get(i);
            if (!PyText.strip(piece).equals(piece) || !piece.equals(gold.get(i))) {
                return List.of(piece.isEmpty() ? Span.missing(at, "empty sentence " + (i + 1)) : new Span(at, at + piece.length(), "sentence " + (i + 1) + " not joined by a bare hyphen"));
            }
            at += piece.length() + 1;
        }
        return Edits.each(response, '-', "hyphen");
    }

    /** A space put after the first hyphen, or a sentence added after a space. */
    public List<Edit> breaks(String response, TextTools text) {
        List<Edit> out = new ArrayList<>(2);
        int hyphen = response.indexOf('-');
        if (hyphen >= 0) out.add(new Edit("space_after_hyphen", Edits.replace(response, hyphen + 1, hyphen + 1, " ")));
        out.add(new Edit("add_sentence", Edits.appended(response, Edits.fillers(response, 1).getFirst())));
        return Edits.verified(out, r -> !isFollowedBy(r, text));
    }

    /** The splitter's sentences joined by hyphens. */
    public List<Edit> repairs(String response, TextTools text) {
        return Edits.verified(List.of(new Edit("join_with_hyphens", String.join("-", text.regexSentences(response.replace('-', ' '))))), r -> isFollowedBy(r, text));
    }

    /** Three to five pool sentences joined by hyphens. */
    private enum Sampling implements Sketch<SentenceHyphens> {
        INSTANCE;

        public void content(Draft d) {
            List<String> sentences = new ArrayList<>();
            for (int i = d.between(3, 5); i > 0; i--) sentences.add(d.sentence());
            d.witness().setText(String.join("-", sentences));
        }

        public SentenceHyphens finish(Draft d) {
            return new SentenceHyphens();
        }
    }
}
