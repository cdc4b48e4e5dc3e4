package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.TextTools;

import java.util.List;

/** punctuation:punctuation_exclamation — no '!' anywhere. */
public record NoExclamationMarks() implements Constraint {
    public static final String ID = "punctuation:punctuation_exclamation";

    public static final ConstraintType<NoExclamationMarks> TYPE = ConstraintType.builder(ID, NoExclamationMarks::parse)
            .example(new NoExclamationMarks())
            .hardness(0.1)
            .phrasings("In your entire response, refrain from the use of ! (i.e. exclamation marks) as punctuation and in general.",
                    "Do not use any exclamation marks in your answer.",
                    "Write your response without a single exclamation mark (!).")
            .synthesis(900, () -> d -> new NoExclamationMarks())
            .build();

    private static NoExclamationMarks parse(Kwargs k) {
        return new NoExclamationMarks();
    }

    public ConstraintType<NoExclamationMarks> type() { return TYPE; }

    public String description() {
        return "In your entire response, refrain from the use of ! (i.e. exclamation marks) as punctuation and in general.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return response.indexOf('!') < 0;
    }
    /** Each exclamation mark. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.each(response, '!', "exclamation mark");
    }

    /** The final full stop made an exclamation mark, or one added where the text ends. */
    public List<Edit> breaks(String response, TextTools text) {
        int end = Edits.textEnd(response);
        int from = end > 0 && response.charAt(end - 1) == '.' ? end - 1 : end;
        return Edits.verified(List.of(new Edit("add_exclamation_mark", Edits.replace(response, from, end, "!"))), r -> !isFollowedBy(r, text));
    }

    /** Every exclamation mark made a full stop, or removed. */
    public List<Edit> repairs(String response, TextTools text) {
        return Edits.verified(List.of(new Edit("replace_exclamation_marks", response.replace('!', '.')),
                new Edit("remove_exclamation_marks", response.replace("!", ""))), r -> isFollowedBy(r, text));
    }

}
