package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.ifeval.NoComma;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.constraint.ifevalg.NoDots;
import dev.jack.core.constraint.ifevalg.NoExclamationMarks;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/**
 * count:punctuation — an interrobang ("?!", "!?" or "‽"), and each of . , ! ? ; : somewhere outside the
 * first "?!" (or, if there is none, the first "!?").
 */
public record PunctuationCover() implements Constraint {
    public static final String ID = "count:punctuation";

    public static final ConstraintType<PunctuationCover> TYPE = ConstraintType.builder(ID, PunctuationCover::parse)
            .example(new PunctuationCover())
            .conflict(ResponseLanguage.ID, "its sentence is English")
            .conflict(NoComma.ID, "every punctuation mark includes the comma")
            .conflict(NoDots.ID, "every punctuation mark includes the period")
            .conflict(NoExclamationMarks.ID, "every punctuation mark includes the exclamation mark")
            .hardness(0.5)
            .phrasings("Use every standard punctuation mark at least once, including semicolons, colons, and the interrobang (?!).",
                    "Your answer must use each of these at least once: . , ! ? ; : and the interrobang ?!",
                    "Include every standard punctuation mark in your response, the semicolon, the colon and the interrobang (?!) among them.")
            .synthesis(340, () -> Sampling.INSTANCE)
            .build();

    private static PunctuationCover parse(Kwargs k) {
        return new PunctuationCover();
    }

    public ConstraintType<PunctuationCover> type() { return TYPE; }

    public String description() {
        return "Use every standard punctuation mark at least once, including semicolons, colons, and the interrobang (?!).";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        if (!response.contains("!?") && !response.contains("?!") && !response.contains("‽")) return false;
        String rest = response.replaceFirst("\\?!", "");
        if (rest.length() == response.length()) rest = response.replaceFirst("!\\?", "");
        for (char mark : ".,!?;:".toCharArray()) if (rest.indexOf(mark) < 0) return false;
        return true;
    }

    /** The interrobang, and where each missing mark (the interrobang among them) would go. */
    public List<Span> spans(String response, TextTools text) {
        List<Span> out = new ArrayList<>();
        int bang = response.indexOf("?!");
        if (bang < 0) bang = response.indexOf("!?");
        int end = Edits.textEnd(response);
        if (bang >= 0) out.add(new Span(bang, bang + 2, "interrobang"));
        else if (response.indexOf('\u203d') >= 0) out.add(new Span(response.indexOf('\u203d'), response.indexOf('\u203d') + 1, "interrobang"));
        else out.add(Span.missing(end, "no interrobang (?! or !?)"));
        String rest = bang < 0 ? response : response.substring(0, bang) + response.substring(bang + 2);
        for (char mark : ".,!?;:".toCharArray()) if (rest.indexOf(mark) < 0) out.add(Span.missing(end, "no " + mark));
        out.sort(java.util.Comparator.comparingInt(Span::start));
        return out;
    }

    /** Every semicolon, colon or comma removed (one mark at a time), or the interrobangs made question marks. */
    public List<Edit> breaks(String response, TextTools text) {
        List<Edit> out = new ArrayList<>();
        for (String mark : List.of(";", ":", ",")) out.add(new Edit("remove_mark", response.replace(mark, "")));
        out.add(new Edit("remove_interrobang", response.replace("?!", "?").replace("!?", "?").replace("\u203d", "?")));
        out.sort(java.util.Comparator.comparingInt(e -> response.length() - e.response().length()));
        return Edits.verified(out, r -> !isFollowedBy(r, text));
    }

    /** A sentence with every mark added. */
    public List<Edit> repairs(String response, TextTools text) {
        return Edits.verified(List.of(new Edit("add_marks", Edits.appended(response, "Really?! Yes: first, then the rest; all done. Why? Great!"))),
                r -> isFollowedBy(r, text));
    }

    /** One sentence with all of them. */
    private enum Sampling implements Sketch<PunctuationCover> {
        INSTANCE;

        public void content(Draft d) {
            d.addSentence("Wait; is this right?! Yes: it is, truly! Really? Indeed.");
        }

        public PunctuationCover finish(Draft d) {
            return new PunctuationCover();
        }
    }
}
