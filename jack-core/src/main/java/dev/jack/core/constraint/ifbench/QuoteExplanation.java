package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.ifeval.JsonFormat;
import dev.jack.core.constraint.ifeval.Quotation;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.List;

/**
 * format:quote_unquote — with whitespace removed (and the 3-character sequence '"' dropped), no two
 * straight double quotes touch and the text, stripped of digits and punctuation other than '"', does
 * not end in one. Curly quotes are never seen as quotes (the reference's replacements are no-ops).
 */
public record QuoteExplanation() implements Constraint {
    public static final String ID = "format:quote_unquote";

    public static final ConstraintType<QuoteExplanation> TYPE = ConstraintType.builder(ID, QuoteExplanation::parse)
            .example(new QuoteExplanation())
            .conflict(ResponseLanguage.ID, "its sentence is English")
            .conflict(Quotation.ID, "a response wrapped in quotes ends with a quoted phrase")
            .conflict(JsonFormat.ID, "JSON ends with a quoted string")
            .hardness(0.35)
            .phrasings("Every quoted phrase must be followed by an unquoted explanation.",
                    "Whenever you quote a phrase, follow it with an explanation outside the quotes.",
                    "Quote at least one phrase, and explain every quoted phrase right after it in your own, unquoted words.")
            .synthesis(370, () -> Sampling.INSTANCE)
            .build();

    private static final String DIGITS_AND_PUNCTUATION_BUT_QUOTE = "0123456789" + PyText.PUNCTUATION.replace("\"", "");

    private static QuoteExplanation parse(Kwargs k) {
        return new QuoteExplanation();
    }

    public ConstraintType<QuoteExplanation> type() { return TYPE; }

    public String description() {
        return "Every quoted phrase must be followed by an unquoted explanation.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String value = String.join("", PyText.split(response.replace("'\"'", "")));
        if (value.contains("\"\"")) return false;
        String stripped = PyText.strip(value, DIGITS_AND_PUNCTUATION_BUT_QUOTE);
        return stripped.isEmpty() || !stripped.endsWith("\"");
    }

    private static final List<String> QUOTED = List.of("simple", "calm", "steady", "bright", "careful", "gentle");

    /** One quoted word with an explanation after it. */
    private enum Sampling implements Sketch<QuoteExplanation> {
        INSTANCE;

        public void content(Draft d) {
            d.addSentence("The word \"" + d.pick(QUOTED) + "\" means something plain here.");
        }

        public QuoteExplanation finish(Draft d) {
            return new QuoteExplanation();
        }
    }
}
