package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.ifeval.NoComma;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.constraint.ifevalg.NoDots;
import dev.jack.core.constraint.ifevalg.NoExclamationMarks;
import dev.jack.core.text.TextTools;

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
