package dev.jack.core.constraint.ifbench;

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

/** format:no_whitespace — no character is whitespace by Python's {@code str.isspace} (zero-width spaces are not). */
public record NoWhitespace() implements Constraint {
    public static final String ID = "format:no_whitespace";

    public static final ConstraintType<NoWhitespace> TYPE = ConstraintType.builder(ID, NoWhitespace::parse)
            .example(new NoWhitespace())
            .alone("the response has no whitespace, which other constraints' lines and phrases have")
            .hardness(0.55)
            .phrasings("The output should not contain any whitespace.",
                    "Write your answer without any spaces, tabs or line breaks.",
                    "Your response must not contain a single whitespace character.")
            .synthesis(500, () -> Sampling.INSTANCE)
            .build();

    private static NoWhitespace parse(Kwargs k) {
        return new NoWhitespace();
    }

    public ConstraintType<NoWhitespace> type() { return TYPE; }

    public String description() {
        return "The output should not contain any whitespace.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return response.codePoints().noneMatch(PyText::isSpace);
    }

    /** Each run of whitespace. */
    public List<Span> spans(String response, TextTools text) {
        List<Span> out = new ArrayList<>();
        for (int i = 0; i < response.length(); i++) {
            if (!PyText.isSpace(response.charAt(i))) continue;
            int start = i;
            while (i + 1 < response.length() && PyText.isSpace(response.charAt(i + 1))) i++;
            out.add(new Span(start, i + 1, "whitespace"));
        }
        return out;
    }

    /** A space after the first character. */
    public List<Edit> breaks(String response, TextTools text) {
        int at = response.isEmpty() ? 0 : Character.charCount(response.codePointAt(0));
        return Edits.verified(List.of(new Edit("add_space", Edits.replace(response, at, at, " "))), r -> !isFollowedBy(r, text));
    }

    /** Every whitespace character removed. */
    public List<Edit> repairs(String response, TextTools text) {
        StringBuilder edited = new StringBuilder(response.length());
        response.codePoints().filter(cp -> !PyText.isSpace(cp)).forEach(edited::appendCodePoint);
        return Edits.verified(List.of(new Edit("remove_whitespace", edited.toString())), r -> isFollowedBy(r, text));
    }

    /** Two to four pool sentences with their spaces removed. */
    private enum Sampling implements Sketch<NoWhitespace> {
        INSTANCE;

        public void content(Draft d) {
            StringBuilder text = new StringBuilder();
            for (int i = d.between(2, 4); i > 0; i--) text.append(String.join("", PyText.split(d.sentence())));
            d.witness().setText(text.toString());
        }

        public NoWhitespace finish(Draft d) {
            return new NoWhitespace();
        }
    }
}
