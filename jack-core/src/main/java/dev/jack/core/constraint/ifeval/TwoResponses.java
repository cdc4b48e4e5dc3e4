package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** combination:two_responses — exactly two different responses separated by {@code ******}. */
public record TwoResponses() implements Constraint {
    public static final String ID = "combination:two_responses";
    private static final String SEPARATOR = "******";
    /** A line of three or more asterisks or dashes, other than the separator: what models write instead. */
    private static final Pattern DIVIDER = Pattern.compile("(?m)^[ \\t]*(?!\\*{6}[ \\t]*$)(\\*{3,}|-{3,})[ \\t]*$");

    public static final ConstraintType<TwoResponses> TYPE = ConstraintType.builder(ID, TwoResponses::parse)
            .example(new TwoResponses())
            .conflict(NumberOfParagraphs.ID, "the ****** separator contains the *** paragraph divider")
            .conflict(NthParagraphFirstWord.ID, "paragraph positions are ambiguous across two responses")
            .hardness(0.45)
            .phrasings("Give two different responses. Responses and only responses should be separated by 6 asterisk symbols: ******.",
                    "Write two different versions, separated by a line of six asterisks (******).",
                    "Provide two distinct answers separated by ******.")
            .synthesis(80, () -> Sampling.INSTANCE)
            .build();

    private static TwoResponses parse(Kwargs k) {
        return new TwoResponses();
    }

    public ConstraintType<TwoResponses> type() { return TYPE; }

    public String description() {
        return "Give two different responses. Responses and only responses should be separated by 6 asterisk symbols: ******.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> parts = PyText.split(response, SEPARATOR);
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (PyText.isBlank(parts.get(i))) {
                if (i != 0 && i != parts.size() - 1) return false;
            } else {
                valid.add(parts.get(i));
            }
        }
        return valid.size() == 2 && !PyText.strip(valid.get(0)).equals(PyText.strip(valid.get(1)));
    }

    /** Each ****** separator; without one, nothing where it would go; two equal responses, the second. */
    public List<Span> spans(String response, TextTools text) {
        List<Span> out = new ArrayList<>();
        for (int at = response.indexOf(SEPARATOR); at >= 0; at = response.indexOf(SEPARATOR, at + SEPARATOR.length())) {
            out.add(new Span(at, at + SEPARATOR.length(), "separator"));
        }
        if (out.isEmpty()) return List.of(Span.missing(Edits.textEnd(response), "no ****** separator"));
        if (!isFollowedBy(response, text) && out.size() == 1) {
            int after = out.getFirst().end();
            String first = PyText.strip(response.substring(0, out.getFirst().start()));
            String second = PyText.strip(response.substring(after));
            if (!first.isEmpty() && first.equals(second)) out.add(new Span(after, response.length(), "the same response again"));
        }
        return out;
    }

    /** The separators removed, so that the two responses run together. */
    public List<Edit> breaks(String response, TextTools text) {
        return List.of(new Edit("remove_separator", response.replace(SEPARATOR, "")));
    }

    /** A single divider line of asterisks or dashes (three or more, not six) made the ****** separator. */
    public List<Edit> repairs(String response, TextTools text) {
        Matcher m = DIVIDER.matcher(response);
        if (!m.find()) return List.of();
        int start = m.start();
        int end = m.end();
        if (m.find()) return List.of();
        return List.of(new Edit("make_separator", Edits.replace(response, start, end, SEPARATOR)));
    }

    public Map<String, Object> kwargs() { return Map.of(); }

    /** At least two blocks, rendered as two halves with ****** between them. */
    private enum Sampling implements Sketch<TwoResponses> {
        INSTANCE;

        public void layout(Draft d) {
            d.setBlockCount(Math.max(2, d.blockCount()));
        }

        public void content(Draft d) {
            d.witness().splitInTwo();
        }

        public TwoResponses finish(Draft d) {
            return new TwoResponses();
        }
    }
}
