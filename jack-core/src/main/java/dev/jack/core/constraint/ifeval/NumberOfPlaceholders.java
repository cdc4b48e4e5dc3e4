package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Relation;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.Witness;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** detectable_content:number_placeholders — at least N placeholders {@code [like this]} (one line each). */
public record NumberOfPlaceholders(int numPlaceholders) implements Constraint {
    public static final String ID = "detectable_content:number_placeholders";

    /** What synthesized witnesses put in brackets. */
    private static final List<String> PLACEHOLDERS = List.of("name", "date", "address", "city", "company", "phone number",
            "email", "time", "price", "title");

    public static final ConstraintType<NumberOfPlaceholders> TYPE = ConstraintType.builder(ID, NumberOfPlaceholders::parse)
            .parameters(Parameter.integer("num_placeholders", 0))
            .example(new NumberOfPlaceholders(2))
            .hardness(0.3)
            .phrasings("The response must contain at least {num_placeholders} {placeholders} in square brackets, such as [address].",
                    "Include at least {num_placeholders} {placeholders} like [name] in your answer.",
                    "Leave at least {num_placeholders} {placeholders} in square brackets (for example [date]) to fill in later.")
            .synthesis(140, Sampling::new)
            .build();

    private static NumberOfPlaceholders parse(Kwargs k) {
        return new NumberOfPlaceholders(k.integer("num_placeholders", 0));
    }

    public ConstraintType<NumberOfPlaceholders> type() { return TYPE; }

    public String description() {
        return "The response must contain at least " + numPlaceholders + " placeholders represented by square brackets, such as [address].";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return placeholders(response).size() >= numPlaceholders;
    }

    /**
     * The matches of {@code re.findall(r"\[.*?\]")}: a '[' and the nearest ']' on the same line, as {start, end}.
     * When a '[' finds none, no '[' before the end of its line can, so the search goes on from there (linear, where
     * the regex is quadratic on a line of '[').
     */
    private static List<int[]> placeholders(String response) {
        List<int[]> found = new ArrayList<>();
        int i = response.indexOf('[');
        while (i >= 0) {
            int j = i + 1;
            while (j < response.length() && response.charAt(j) != ']' && response.charAt(j) != '\n') j++;
            if (j < response.length() && response.charAt(j) == ']') found.add(new int[] {i, j + 1});
            i = response.indexOf('[', j + 1);
        }
        return found;
    }

    /** Each placeholder; too few, also where more would go. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.counted(placeholders(response), Relation.AT_LEAST, numPlaceholders, "placeholder", Edits.textEnd(response));
    }

    /** Placeholders cut, the last first, until fewer than N are left. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.cutFromEnd("remove_placeholders", response, placeholders(response), r -> !isFollowedBy(r, text));
    }

    /** A sentence with as many placeholders as are missing. */
    public List<Edit> repairs(String response, TextTools text) {
        int missing = numPlaceholders - placeholders(response).size();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < missing; i++) names.add("[" + PLACEHOLDERS.get(i % PLACEHOLDERS.size()) + "]");
        String sentence = Edits.inCaseOf(response, "Fill in " + String.join(" and ", names) + ".");
        List<Edit> out = new ArrayList<>();
        for (String edited : Edits.withSentence(response, sentence)) out.add(new Edit("add_placeholders", edited));
        return out;
    }


    public Map<String, Object> kwargs() { return Map.of("num_placeholders", numPlaceholders); }

    /** 1-4 placeholders, each before the period of a random sentence. */
    private static final class Sampling implements Sketch<NumberOfPlaceholders> {
        private int placeholders;

        public void content(Draft d) {
            placeholders = d.between(1, 4);
            Witness w = d.witness();
            for (int p = 0; p < placeholders; p++) {
                List<String> sentences = w.proseLine(d.nextInt(w.proseLineCount())).sentences();
                int at = d.nextInt(sentences.size());
                String s = sentences.get(at);
                String body = Witness.stripPeriod(s);
                sentences.set(at, body + " [" + d.pick(PLACEHOLDERS) + "]" + s.substring(body.length()));
            }
        }

        public NumberOfPlaceholders finish(Draft d) {
            return new NumberOfPlaceholders(placeholders);
        }
    }
}
