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
import dev.jack.core.constraint.Witness;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** format:list — the marker {@code sep} occurs (non-overlapping) at least twice, anywhere. */
public record SpecialBulletPoints(String sep) implements Constraint {
    public static final String ID = "format:list";

    public static final ConstraintType<SpecialBulletPoints> TYPE = ConstraintType.builder(ID, SpecialBulletPoints::parse)
            .parameters(Parameter.string("sep"))
            .example(new SpecialBulletPoints("!?!?"))
            .hardness(0.3)
            .phrasings("Answer with a list of items, instead of bullet points use {sep}.",
                    "Include a list in your answer, and mark its items with {sep} instead of bullet points.",
                    "Write a list whose items start with {sep} rather than bullet points.")
            .synthesis(380, Sampling::new)
            .build();

    private static SpecialBulletPoints parse(Kwargs k) {
        return new SpecialBulletPoints(k.string("sep"));
    }

    public ConstraintType<SpecialBulletPoints> type() { return TYPE; }

    public String description() {
        return "Answer with a list of items, instead of bullet points use " + sep + ".";
    }

    public Map<String, Object> kwargs() {
        return Map.of("sep", sep);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return PyText.count(response, sep) >= 2;
    }

    /** Each separator counted, and, with fewer than two, an empty span at the end where more items would go. */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> found = Edits.occurrences(response, sep);
        List<Span> out = new ArrayList<>(Edits.numbered(found, "item marker"));
        if (found.size() < 2) out.add(Span.missing(Edits.textEnd(response), (2 - found.size()) + " more item markers"));
        return out;
    }

    /** Separators cut from the last until fewer than two remain. */
    public List<Edit> breaks(String response, TextTools text) {
        Predicate<String> fails = r -> !isFollowedBy(r, text);
        return Edits.verified(Edits.cutFromEnd("remove_item_markers", response, Edits.occurrences(response, sep), fails), fails);
    }

    /** Items marked with the separator added on lines of their own at the end until there are two. */
    public List<Edit> repairs(String response, TextTools text) {
        int end = Edits.textEnd(response);
        StringBuilder items = new StringBuilder();
        for (String sentence : Edits.fillers(response, 2 - PyText.count(response, sep))) items.append('\n').append(sep).append(' ').append(sentence);
        return Edits.verified(List.of(new Edit("add_items", Edits.replace(response, end, end, items.toString()))), r -> isFollowedBy(r, text));
    }

    private static final List<String> SEPARATORS = List.of("=>", "~~", "::", "+");

    /** Two to four items after a random block's first line, each marked with the separator. */
    private static final class Sampling implements Sketch<SpecialBulletPoints> {
        private String sep;

        public void content(Draft d) {
            sep = d.pick(SEPARATORS);
            List<Witness.Line> block = d.pick(d.witness().blocks());
            for (int i = d.between(2, 4); i > 0; i--) block.add(1, Witness.Line.fixed(sep + " " + d.sentence()));
        }

        public SpecialBulletPoints finish(Draft d) {
            return new SpecialBulletPoints(sep);
        }
    }
}
