package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** punctuation:no_comma — no ASCII comma anywhere. */
public record NoComma() implements Constraint {
    public static final String ID = "punctuation:no_comma";
    private static final Pattern CONJUNCTION = Pattern.compile("(?<=\\w) (?=(and|but|so|which) \\w)");

    public static final ConstraintType<NoComma> TYPE = ConstraintType.builder(ID, NoComma::parse)
            .example(new NoComma())
            .hardness(0.35)
            .phrasings("In your entire response, refrain from the use of any commas.",
                    "Do not use any commas in your answer.",
                    "Avoid commas completely.")
            // Witnesses need nothing: Jack's sentences, tasks and markers have no commas.
            .synthesis(240, () -> d -> new NoComma())
            .build();

    private static NoComma parse(Kwargs k) {
        return new NoComma();
    }

    public ConstraintType<NoComma> type() { return TYPE; }

    public String description() {
        return "In your entire response, refrain from the use of any commas.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return PyText.indexOf(response, ',', 0) < 0;
    }

    /** Each comma. */
    public List<Span> spans(String response, TextTools text) {
        List<Span> out = new ArrayList<>();
        for (int at = response.indexOf(','); at >= 0; at = response.indexOf(',', at + 1)) out.add(new Span(at, at + 1, "comma"));
        return out;
    }

    /** A comma before the first " and", " but", " so" or " which", else after the first word. */
    public List<Edit> breaks(String response, TextTools text) {
        Matcher m = CONJUNCTION.matcher(response);
        if (m.find()) return List.of(new Edit("add_comma", Edits.replace(response, m.start(), m.start(), ",")));
        List<int[]> words = PyText.wordRuns(response);
        if (words.size() < 3) return List.of();
        return List.of(new Edit("add_comma", Edits.replace(response, words.getFirst()[1], words.getFirst()[1], ",")));
    }

    /** Every comma removed. */
    public List<Edit> repairs(String response, TextTools text) {
        return List.of(new Edit("remove_commas", response.replace(", ", " ").replace(",", "")));
    }

    public Map<String, Object> kwargs() { return Map.of(); }
}
