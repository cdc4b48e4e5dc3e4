package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.ifeval.EndChecker;
import dev.jack.core.constraint.ifeval.NumberOfSentences;
import dev.jack.core.constraint.ifeval.Postscript;
import dev.jack.core.constraint.ifeval.RepeatPrompt;
import dev.jack.core.text.TextTools;

import java.util.List;

/** punctuation:punctuation_dot — no '.' anywhere. */
public record NoDots() implements Constraint {
    public static final String ID = "punctuation:punctuation_dot";

    public static final ConstraintType<NoDots> TYPE = ConstraintType.builder(ID, NoDots::parse)
            .example(new NoDots())
            .conflict(NumberOfSentences.ID, "sentences are counted at their periods")
            .conflict(Postscript.ID, "the P.S. marker has dots")
            .conflict(EndChecker.ID, "some end phrases end with a period")
            .conflict(RepeatPrompt.ID, "the request must be repeated with its periods")
            .hardness(0.45)
            .phrasings("In your entire response, refrain from the use of . (i.e. dots) as punctuation and in general.",
                    "Do not use a single period or dot anywhere in your answer.",
                    "Write your response without any dots (.) at all.")
            .synthesis(996, () -> Sampling.INSTANCE)
            .build();

    private static NoDots parse(Kwargs k) {
        return new NoDots();
    }

    public ConstraintType<NoDots> type() { return TYPE; }

    public String description() {
        return "In your entire response, refrain from the use of . (i.e. dots) as punctuation and in general.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return response.indexOf('.') < 0;
    }

    /** Each dot. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.each(response, '.', "dot");
    }

    /** A dot where the text ends. */
    public List<Edit> breaks(String response, TextTools text) {
        int end = Edits.textEnd(response);
        return Edits.verified(List.of(new Edit("add_dot", Edits.replace(response, end, end, "."))), r -> !isFollowedBy(r, text));
    }

    /** Every dot removed. */
    public List<Edit> repairs(String response, TextTools text) {
        return Edits.verified(List.of(new Edit("remove_dots", response.replace(".", ""))), r -> isFollowedBy(r, text));
    }

    /** Every dot removed (a late wrapper, so it reaches what other constraints add). */
    private enum Sampling implements Sketch<NoDots> {
        INSTANCE;

        public void content(Draft d) {
            d.witness().wrap(body -> body.replace(".", ""));
        }

        public NoDots finish(Draft d) {
            return new NoDots();
        }
    }
}
