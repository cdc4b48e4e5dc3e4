package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.ifeval.JsonFormat;
import dev.jack.core.constraint.ifeval.Quotation;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** A double quote followed, after nothing but whitespace, by another: a quoted phrase with nothing after it. */
    private static final Pattern UNEXPLAINED = Pattern.compile("\"\\s*\"", Pattern.UNICODE_CHARACTER_CLASS);
    /** What a repair writes after a quoted phrase that lacks an explanation. */
    private static final String EXPLANATION = "which says it all";

    /** The quote that ends the response, when nothing but digits and punctuation follows it; else -1. */
    private static int endingQuote(String response) {
        int at = response.lastIndexOf('"');
        if (at < 0) return -1;
        for (int i = at + 1; i < response.length(); i++) {
            char c = response.charAt(i);
            if (!PyText.isSpace(c) && DIGITS_AND_PUNCTUATION_BUT_QUOTE.indexOf(c) < 0) return -1;
        }
        return at;
    }

    /**
     * Each pair of quotes with only whitespace between (a quoted phrase followed straight by another quote), and the
     * quote that ends the response; with none, the whole text.
     */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> unexplained = new ArrayList<>();
        Matcher m = UNEXPLAINED.matcher(response);
        while (m.find()) unexplained.add(new int[] {m.start(), m.end()});
        int end = endingQuote(response);
        if (end >= 0 && (unexplained.isEmpty() || unexplained.getLast()[1] <= end)) unexplained.add(new int[] {end, end + 1});
        return Edits.failingOrWhole(response, unexplained, "quoted phrase without an explanation after it", "every quoted phrase explained");
    }

    /** A quoted phrase added at the very end. */
    public List<Edit> breaks(String response, TextTools text) {
        int end = PyText.rstrip(response).length();
        String quoted = Edits.inCaseOf(response, "As they say \"that is it.\"");
        return Edits.verified(List.of(new Edit("add_quote_at_end", Edits.replace(response, end, end, (end == 0 ? "" : " ") + quoted))),
                r -> !isFollowedBy(r, text));
    }

    /** A few words of explanation after each quoted phrase that lacks one. */
    public List<Edit> repairs(String response, TextTools text) {
        String explanation = Edits.inCaseOf(response, EXPLANATION);
        String edited = UNEXPLAINED.matcher(response).replaceAll("\" " + explanation + " \"");
        int end = endingQuote(edited);
        if (end >= 0) edited = edited.substring(0, end + 1) + " " + explanation + edited.substring(end + 1);
        return Edits.verified(List.of(new Edit("add_explanations", edited)), r -> isFollowedBy(r, text));
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
