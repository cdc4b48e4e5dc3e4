package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * count:numbers — exactly N numbers: runs of decimal digits (any script) after ASCII punctuation is
 * deleted, so "3.14", "1,000" and "2024-05-01" are one number each.
 */
public record NumbersCount(int n) implements Constraint {
    public static final String ID = "count:numbers";

    public static final ConstraintType<NumbersCount> TYPE = ConstraintType.builder(ID, NumbersCount::parse)
            .parameters(Parameter.integer("N", 0))
            .example(new NumbersCount(2))
            .conflict(ResponseLanguage.ID, "its sentence is English")
            .hardness(0.45)
            .phrasings("Include exactly {N} numbers in the response.",
                    "Your answer must contain exactly {N} numbers.",
                    "Use precisely {N} numbers, no more and no fewer.")
            .synthesis(320, () -> Sampling.INSTANCE)
            .build();

    private static NumbersCount parse(Kwargs k) {
        return new NumbersCount(k.integer("N", 0, Kwargs.RANDOM_IF_NEGATIVE));
    }

    public ConstraintType<NumbersCount> type() { return TYPE; }

    public String description() {
        return "Include exactly " + n + " numbers in the response.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("N", n);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return numberRuns(response).size() == n;
    }

    /**
     * The numbers as the checker reads them, in place: the runs of decimal digits once ASCII punctuation is deleted
     * (so punctuation inside a run is skipped).
     */
    private static List<int[]> numberRuns(String response) {
        List<int[]> out = new ArrayList<>();
        int[] run = null;
        for (int i = 0; i < response.length(); ) {
            int cp = PyText.codePointAt(response, i);
            int next = i + Character.charCount(cp);
            if (cp < 128 && PyText.PUNCTUATION.indexOf(cp) >= 0) {
                i = next;
                continue;
            }
            if (!PyText.isDecimal(cp)) run = null;
            else if (run != null) run[1] = next;
            else out.add(run = new int[] {i, next});
            i = next;
        }
        return out;
    }

    /** Sentences with one number each. */
    private static final List<String> NUMBER_SENTENCES = List.of("It took 7 days.", "There were 12 of them.", "We counted 40 more.");

    /** Each number, and where missing ones would go. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.exactly(numberRuns(response), n, "number", Edits.textEnd(response));
    }

    /** The last number cut, or a sentence with a number added. */
    public List<Edit> breaks(String response, TextTools text) {
        List<int[]> runs = numberRuns(response);
        List<Edit> out = new ArrayList<>(2);
        if (!runs.isEmpty()) out.add(new Edit("remove_number", Edits.cutAll(response, runs.subList(runs.size() - 1, runs.size()))));
        out.add(new Edit("add_number", Edits.appended(response, NUMBER_SENTENCES.getFirst())));
        return Edits.verified(out, r -> !isFollowedBy(r, text));
    }

    /** The numbers past N cut, or sentences with a number added until there are N. */
    public List<Edit> repairs(String response, TextTools text) {
        List<int[]> runs = numberRuns(response);
        if (runs.size() > n) return Edits.verified(List.of(new Edit("remove_numbers", Edits.cutAll(response, runs.subList(n, runs.size())))), r -> isFollowedBy(r, text));
        if (n - runs.size() > Edits.MAX_ADDED) return List.of();
        List<String> added = new ArrayList<>();
        for (int i = runs.size(); i < n; i++) added.add(NUMBER_SENTENCES.get(i % NUMBER_SENTENCES.size()));
        return Edits.verified(List.of(new Edit("add_numbers", Edits.appended(response, String.join(" ", added)))), r -> isFollowedBy(r, text));
    }

    /** One to four numbers in a sentence; N is read off the final witness, with any digits other constraints wrote. */
    private enum Sampling implements Sketch<NumbersCount> {
        INSTANCE;

        public void content(Draft d) {
            List<String> numbers = new ArrayList<>();
            for (int i = d.between(1, 4); i > 0; i--) numbers.add(String.valueOf(d.between(2, 99)));
            d.addSentence((numbers.size() == 1 ? "Keep the number " : "Keep the numbers ") + String.join(" and ", numbers) + " in mind.");
        }

        public NumbersCount finish(Draft d) {
            return new NumbersCount(numberRuns(d.witnessText()).size());
        }
    }
}
