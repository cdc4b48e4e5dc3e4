package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** custom:multiples — the digit runs of the response (with ", " for ",") are exactly 14 21 28 35 42 49. */
public record PrintMultiples() implements Constraint {
    public static final String ID = "custom:multiples";

    public static final ConstraintType<PrintMultiples> TYPE = ConstraintType.builder(ID, PrintMultiples::parse)
            .example(new PrintMultiples())
            .build();

    private static final Pattern DIGITS = PyRegex.compile("\\d+");
    private static final List<String> MULTIPLES = List.of("14", "21", "28", "35", "42", "49");

    /** The reference's build_description takes and ignores any kwargs. */
    private static PrintMultiples parse(Kwargs k) {
        k.ignoreOthers();
        return new PrintMultiples();
    }

    public ConstraintType<PrintMultiples> type() { return TYPE; }

    public String description() {
        return "Count from 10 to 50 but only print multiples of 7.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        // Replacing "," by ", " never changes the digit runs.
        List<String> numbers = new ArrayList<>();
        Matcher m = DIGITS.matcher(response);
        while (m.find()) numbers.add(m.group());
        return numbers.equals(MULTIPLES);
    }

    /** The digit runs the checker reads, as {@code [start, end)}. */
    private static List<int[]> numbers(String response) {
        List<int[]> out = new ArrayList<>();
        Matcher m = DIGITS.matcher(response);
        while (m.find()) out.add(new int[] {m.start(), m.end()});
        return out;
    }

    /**
     * Passed: the six numbers. Failed: each number out of place (not the multiple due there, or past the sixth), and an
     * empty span at the end for the multiples missing.
     */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> found = numbers(response);
        if (isFollowedBy(response, text)) return Edits.numbered(found, "multiple of 7");
        List<Span> out = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            int[] f = found.get(i);
            if (i >= MULTIPLES.size() || !response.substring(f[0], f[1]).equals(MULTIPLES.get(i))) out.add(new Span(f[0], f[1], "not " + (i < MULTIPLES.size() ? MULTIPLES.get(i) : "a number due")));
        }
        if (found.size() < MULTIPLES.size()) out.add(Span.missing(Edits.textEnd(response), "missing " + String.join(", ", MULTIPLES.subList(found.size(), MULTIPLES.size()))));
        return out;
    }

    /** The last number cut. */
    public List<Edit> breaks(String response, TextTools text) {
        List<int[]> found = numbers(response);
        if (found.isEmpty()) return List.of();
        return Edits.verified(List.of(new Edit("remove_number", Edits.cut(response, found.getLast()[0], found.getLast()[1]))), r -> !isFollowedBy(r, text));
    }

    /** Each number set to the multiple due in its place, those past the sixth cut, the missing ones added at the end. */
    public List<Edit> repairs(String response, TextTools text) {
        List<int[]> found = numbers(response);
        String edited = response;
        for (int i = found.size() - 1; i >= 0; i--) {
            int[] f = found.get(i);
            edited = i < MULTIPLES.size() ? Edits.replace(edited, f[0], f[1], MULTIPLES.get(i)) : Edits.cut(edited, f[0], f[1]);
        }
        if (found.size() < MULTIPLES.size()) edited = Edits.appended(edited, String.join(", ", MULTIPLES.subList(found.size(), MULTIPLES.size())));
        return Edits.verified(List.of(new Edit("set_multiples", edited)), r -> isFollowedBy(r, text));
    }
}
