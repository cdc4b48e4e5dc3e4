package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** copy:copying_multiple — split at "******", exactly N pieces, each the request once stripped, ignoring case. */
public record CopyingMultiple(String promptToRepeat, int n) implements Constraint {
    public static final String ID = "copy:copying_multiple";

    public static final ConstraintType<CopyingMultiple> TYPE = ConstraintType.builder(ID, CopyingMultiple::parse)
            .parameters(Parameter.string("prompt_to_repeat"), Parameter.integer("N", 1))
            .example(new CopyingMultiple("Write a haiku-inspired paragraph about autumn leaves.", 3))
            .alone("the response is the request repeated, nothing else")
            .hardness(0.4)
            .phrasings("Repeat the request without change {N} times, separated by 6 asterisk symbols (do not say anything before repeating the request; the request you need to repeat does not include this sentence) and do not answer the actual request!",
                    "Do not answer the request above; instead repeat it exactly {N} times, separating the copies with ******.",
                    "Write the request above {N} times word for word, with a line of six asterisks (******) between copies, and nothing else.")
            .synthesis(500, Sampling::new)
            .build();

    private static CopyingMultiple parse(Kwargs k) {
        return new CopyingMultiple(k.nonEmpty("prompt_to_repeat"), k.integer("N", 1, Kwargs.RANDOM_IF_ZERO));
    }

    public ConstraintType<CopyingMultiple> type() { return TYPE; }

    public String description() {
        return "Repeat the request without change " + n + " times, separated by 6 asterisk symbols (do not say anything before"
                + " repeating the request; the request you need to repeat does not include this sentence) and do not answer the actual request!";
    }

    public Map<String, Object> kwargs() {
        return Map.of("prompt_to_repeat", promptToRepeat, "N", n);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> copies = PyText.split(response, "******");
        String expected = PyText.lower(PyText.strip(promptToRepeat));
        return copies.size() == n && copies.stream().allMatch(c -> PyText.lower(PyText.strip(c)).equals(expected));
    }

    /** Each separator, each copy that differs from the request, and, with another count than N, where that shows. */
    public List<Span> spans(String response, TextTools text) {
        List<Span> out = new ArrayList<>();
        List<String> copies = PyText.split(response, "******");
        String expected = PyText.lower(PyText.strip(promptToRepeat));
        int at = 0;
        for (int i = 0; i < copies.size(); i++) {
            String copy = copies.get(i);
            if (!PyText.lower(PyText.strip(copy)).equals(expected)) {
                int start = at + PyText.stripStart(copy);
                out.add(start >= at + PyText.rstrip(copy).length() ? Span.missing(start, "empty copy " + (i + 1))
                        : new Span(start, at + PyText.rstrip(copy).length(), "copy " + (i + 1) + " differs from the request"));
            }
            at += copy.length();
            if (i + 1 < copies.size()) out.add(new Span(at, at + 6, "separator " + (i + 1)));
            at += 6;
        }
        if (copies.size() != n) out.add(Span.missing(Edits.textEnd(response), copies.size() + " copies, exactly " + n + " needed"));
        return out;
    }

    /** The last copy cut, or a sentence added after it. */
    public List<Edit> breaks(String response, TextTools text) {
        List<Edit> out = new ArrayList<>(2);
        int last = response.lastIndexOf("******");
        if (last >= 0) out.add(new Edit("remove_copy", PyText.rstrip(response.substring(0, last))));
        out.add(new Edit("add_sentence", Edits.appended(response, Edits.fillers(response, 1).getFirst())));
        return Edits.verified(out, r -> !isFollowedBy(r, text));
    }

    /** The request N times, six asterisks between the copies. */
    public List<Edit> repairs(String response, TextTools text) {
        String copies = String.join("\n******\n", java.util.Collections.nCopies(n, PyText.strip(promptToRepeat)));
        return Edits.verified(List.of(new Edit("replace_with_copies", copies)), r -> isFollowedBy(r, text));
    }

    /** The task two to four times, six asterisks between copies. */
    private static final class Sampling implements Sketch<CopyingMultiple> {
        private int n;

        public void layout(Draft d) {
            d.keepTaskFirst();
        }

        public void content(Draft d) {
            n = d.between(2, 4);
            d.witness().setText(String.join("\n******\n", java.util.Collections.nCopies(n, d.taskText())));
        }

        public CopyingMultiple finish(Draft d) {
            return new CopyingMultiple(d.taskText(), n);
        }
    }
}
