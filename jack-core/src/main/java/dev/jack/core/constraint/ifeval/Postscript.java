package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * detectable_content:postscript — a postscript marker appears anywhere (not only at a line start), in
 * any case. "P.S." and "P.P.S" tolerate a space after each period; other markers are read as regular
 * expressions, as the reference does.
 */
public record Postscript(String postscriptMarker) implements Constraint {
    public static final String ID = "detectable_content:postscript";

    /** The markers synthesis asks for (IFEval's prompts use these two). */
    private static final List<String> MARKERS = List.of("P.S.", "P.P.S");

    public Postscript {
        Kwargs.regex("postscript_marker", pattern(postscriptMarker), PyRegex.MULTILINE);
    }

    public static final ConstraintType<Postscript> TYPE = ConstraintType.builder(ID, Postscript::parse)
            .parameters(new Parameter("postscript_marker", "string (P.S. and P.P.S are matched loosely, others as a regular expression)"))
            .example(new Postscript("P.S."))
            .hardness(0.2)
            .phrasings("At the end of your response, please add a postscript starting with \"{postscript_marker}\".",
                    "End with a postscript that begins with \"{postscript_marker}\".",
                    "Add a note at the very end that starts with \"{postscript_marker}\".")
            .synthesis(210, Sampling::new)
            .build();

    /** The reference's pattern, searched in the lowercased response. */
    private static String pattern(String marker) {
        return switch (marker) {
            case "P.P.S" -> "\\s*p\\.\\s?p\\.\\s?s.*$";
            case "P.S." -> "\\s*p\\.\\s?s\\..*$";
            default -> "\\s*" + PyText.lower(marker) + ".*$";
        };
    }

    private static Postscript parse(Kwargs k) {
        return new Postscript(k.strippedString("postscript_marker"));
    }

    public ConstraintType<Postscript> type() { return TYPE; }

    public String description() {
        return "At the end of your response, please explicitly add a postscript starting with " + postscriptMarker;
    }

    /**
     * The reference's search in the lower-cased response. The two IFEval markers are looked for in the response itself
     * ({@link #containsShape}), without a lower-cased copy of it (2,600 of the 54,100-row eval's checks: that copy was
     * 1.2% of its CPU time).
     */
    public boolean isFollowedBy(String response, TextTools text) {
        return switch (postscriptMarker) {
            case "P.P.S" -> containsShape(response, "p.~p.~s");
            case "P.S." -> containsShape(response, "p.~s.");
            default -> PyRegex.isLiteral(postscriptMarker)
                    ? PyText.lower(response).contains(PyText.lower(postscriptMarker))
                    : PyRegex.cached(pattern(postscriptMarker), PyRegex.MULTILINE).matcher(PyText.lower(response)).find();
        };
    }

    /**
     * Whether the text's Python lower case contains the shape, '~' standing for one optional whitespace character:
     * "p.~p.~s" is {@code p\.\s?p\.\s?s} and "p.~s." is {@code p\.\s?s\.}. The reference's leading {@code \s*} and
     * trailing {@code .*$} always match, so they decide nothing. Read in the text itself, 'p' and 's' in either case:
     * no other char lowers to a text holding 'p', 's' or '.', whitespace lowers to itself and nothing else to
     * whitespace (all checked over every code point with Python), so each match in the lower case is one in the text.
     * Each 'p' or 'P' is found eight chars at a time in a long Latin-1 text ({@link PyText#indexOf}).
     */
    static boolean containsShape(String text, String shape) {
        int lower = PyText.indexOf(text, 'p', 0);
        int upper = PyText.indexOf(text, 'P', 0);
        while (lower >= 0 || upper >= 0) {
            int start = upper < 0 || (lower >= 0 && lower < upper) ? lower : upper;
            if (shapeAt(text, start, shape)) return true;
            if (start == lower) lower = PyText.indexOf(text, 'p', start + 1);
            else upper = PyText.indexOf(text, 'P', start + 1);
        }
        return false;
    }

    /** Whether the shape ({@link #containsShape}) matches at text[start], its letters in either case. */
    private static boolean shapeAt(String text, int start, String shape) {
        int i = start;
        for (int k = 0; k < shape.length(); k++) {
            char want = shape.charAt(k);
            if (want == '~') {
                if (i < text.length() && PyText.isSpace(text.charAt(i))) i++;
            } else {
                if (i >= text.length()) return false;
                char c = text.charAt(i++);
                if (c != want && !(want != '.' && c == (char) (want - 0x20))) return false;
            }
        }
        return true;
    }

    /** The marker's matches, in any case (the shapes the check looks for: P.S. and P.P.S with optional spaces). */
    private List<int[]> markers(String response) {
        String core = switch (postscriptMarker) {
            case "P.P.S" -> "p\\.\\s?p\\.\\s?s";
            case "P.S." -> "p\\.\\s?s\\.";
            default -> PyText.lower(postscriptMarker);
        };
        return Edits.matches(response, core, false);
    }

    /** Passed: each postscript, from its marker to the end of its line. Failed: nothing where one would go. */
    public List<Span> spans(String response, TextTools text) {
        List<Span> out = new ArrayList<>();
        for (int[] m : markers(response)) out.add(new Span(m[0], lineEnd(response, m[1]), "postscript"));
        if (out.isEmpty()) out.add(Span.missing(Edits.textEnd(response), "no postscript starting with " + postscriptMarker));
        return out;
    }

    private static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
    }

    /** Every postscript cut, from its marker to the end of its line; or only the markers. */
    public List<Edit> breaks(String response, TextTools text) {
        List<int[]> markers = markers(response);
        List<int[]> lines = new ArrayList<>();
        int covered = -1;
        for (int[] m : markers) {
            if (m[0] < covered) continue;
            covered = lineEnd(response, m[1]);
            lines.add(new int[] {m[0], covered});
        }
        return List.of(new Edit("remove_postscript", PyText.rstrip(Edits.cutAll(response, lines)) + trailingSpace(response)),
                new Edit("remove_postscript_marker", Edits.cutAll(response, markers)));
    }

    private static String trailingSpace(String text) {
        return text.substring(PyText.rstrip(text).length());
    }

    /** A postscript with the marker and a neutral sentence, after a blank line at the end. */
    public List<Edit> repairs(String response, TextTools text) {
        int end = Edits.textEnd(response);
        List<Edit> out = new ArrayList<>();
        for (String sentence : Edits.fillers(response, 2)) {
            String note = Edits.inCaseOf(response, postscriptMarker + " " + sentence);
            out.add(new Edit("add_postscript", Edits.replace(response, end, end, "\n\n" + note)));
        }
        return out;
    }

    public Map<String, Object> kwargs() { return Map.of("postscript_marker", postscriptMarker); }

    /** A marker and one sentence, on a line after the last block. */
    private static final class Sampling implements Sketch<Postscript> {
        private String marker;

        public void content(Draft d) {
            marker = d.pick(MARKERS);
            d.witness().addBackMatter(marker + " " + d.sentence());
        }

        public Postscript finish(Draft d) {
            return new Postscript(marker);
        }
    }
}
