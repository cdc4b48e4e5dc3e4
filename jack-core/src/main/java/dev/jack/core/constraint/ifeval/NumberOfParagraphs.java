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
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * length_constraints:number_paragraphs — exactly N paragraphs separated by {@code ***}. An empty
 * paragraph is tolerated only first or last; one in the middle fails the check.
 */
public record NumberOfParagraphs(int numParagraphs) implements Constraint {
    public static final String ID = "length_constraints:number_paragraphs";

    public static final ConstraintType<NumberOfParagraphs> TYPE = ConstraintType.builder(ID, NumberOfParagraphs::parse)
            .parameters(Parameter.integer("num_paragraphs", 0))
            .example(new NumberOfParagraphs(3))
            .conflict(NthParagraphFirstWord.ID, "the two define paragraphs differently (*** versus blank lines)")
            .hardness(0.5)
            .phrasings("There should be {num_paragraphs} {paragraphs}, separated with the markdown divider (***).",
                    "Write exactly {num_paragraphs} {paragraphs} and put *** between paragraphs.",
                    "Your answer must have {num_paragraphs} {paragraphs}; use *** as the divider between them.")
            .synthesis(60, Sampling::new)
            .build();

    private static NumberOfParagraphs parse(Kwargs k) {
        return new NumberOfParagraphs(k.integer("num_paragraphs", 0));
    }

    public ConstraintType<NumberOfParagraphs> type() { return TYPE; }

    public String description() {
        return "There should be " + numParagraphs + " paragraphs. Paragraphs are separated with the markdown divider: ***";
    }

    /** Splits like {@code re.split(r"\s?\*\*\*\s?", response)} and counts the non-blank pieces. */
    public boolean isFollowedBy(String response, TextTools text) {
        int count = 0;
        int from = 0;
        for (int index = 0; ; index++) {
            int[] divider = nextDivider(response, from);
            int end = divider == null ? response.length() : divider[0];
            if (PyText.isBlank(response.substring(from, end))) {
                if (index > 0 && divider != null) return false;
            } else {
                count++;
            }
            if (divider == null) return count == numParagraphs;
            from = divider[1];
        }
    }

    /**
     * The leftmost match of {@code \s?\*\*\*\s?} at or after {@code from}, as {start, end}, or null.
     * A match starts at a whitespace character directly before "***", else at the "***" itself.
     */
    static int[] nextDivider(String s, int from) {
        int stars = s.indexOf("***", from);
        if (stars < 0) return null;
        int start = stars > from && PyText.isSpace(s.charAt(stars - 1)) ? stars - 1 : stars;
        int end = stars + 3;
        if (end < s.length() && PyText.isSpace(s.charAt(end))) end++;
        return new int[] {start, end};
    }

    /** The dividers the check splits at, as {start, end}, in order. */
    private static List<int[]> dividers(String response) {
        List<int[]> found = new ArrayList<>();
        for (int[] d = nextDivider(response, 0); d != null; d = nextDivider(response, d[1])) found.add(d);
        return found;
    }

    /** Each divider, each empty paragraph between two dividers, and, with another count than N, where that shows. */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> dividers = dividers(response);
        List<Span> out = new ArrayList<>(Edits.numbered(dividers, "divider"));
        int paragraphs = 0;
        for (int i = 0; i <= dividers.size(); i++) {
            int start = i == 0 ? 0 : dividers.get(i - 1)[1];
            int end = i == dividers.size() ? response.length() : dividers.get(i)[0];
            if (!PyText.isBlank(response.substring(start, end))) paragraphs++;
            else if (i > 0 && i < dividers.size()) out.add(new Span(start, end, "empty paragraph (only the first or last may be)"));
        }
        if (paragraphs != numParagraphs) out.add(Span.missing(Edits.textEnd(response), paragraphs + " paragraphs, exactly " + numParagraphs + " needed"));
        out.sort(Comparator.comparingInt(Span::start));
        return out;
    }

    /** Two paragraphs merged (the last divider removed), or a paragraph added after a new divider. */
    public List<Edit> breaks(String response, TextTools text) {
        List<Edit> out = new ArrayList<>(2);
        List<int[]> dividers = dividers(response);
        if (!dividers.isEmpty()) out.add(new Edit("merge_paragraphs", merge(response, dividers.subList(dividers.size() - 1, dividers.size()))));
        int end = Edits.textEnd(response);
        out.add(new Edit("add_paragraph", Edits.replace(response, end, end, "\n\n***\n\n" + Edits.fillers(response, 1).getFirst())));
        return out;
    }

    /**
     * Too many paragraphs: the last dividers removed; too few: blank lines inside paragraphs made dividers, the last
     * first, then new paragraphs added; an empty paragraph in the middle: the divider after it removed.
     */
    public List<Edit> repairs(String response, TextTools text) {
        List<int[]> dividers = dividers(response);
        List<int[]> empty = new ArrayList<>();
        int paragraphs = 0;
        for (int i = 0; i <= dividers.size(); i++) {
            int start = i == 0 ? 0 : dividers.get(i - 1)[1];
            int end = i == dividers.size() ? response.length() : dividers.get(i)[0];
            if (!PyText.isBlank(response.substring(start, end))) paragraphs++;
            else if (i > 0 && i < dividers.size()) empty.add(dividers.get(i));
        }
        if (!empty.isEmpty()) return List.of(new Edit("remove_empty_paragraphs", merge(response, empty)));
        if (paragraphs > numParagraphs) {
            return List.of(new Edit("merge_paragraphs", merge(response, dividers.subList(dividers.size() - (paragraphs - numParagraphs), dividers.size()))));
        }
        List<Integer> blankLines = new ArrayList<>();
        for (int at = response.indexOf("\n\n"); at >= 0; at = response.indexOf("\n\n", at + 2)) {
            int blank = at;
            boolean byDivider = dividers.stream().anyMatch(d -> d[0] <= blank + 3 && d[1] >= blank - 1);
            boolean inside = !PyText.isBlank(response.substring(0, at)) && !PyText.isBlank(response.substring(at));
            if (inside && !byDivider) blankLines.add(at);
        }
        int missing = numParagraphs - paragraphs;
        String edited = response;
        int split = Math.min(missing, blankLines.size());
        for (int i = blankLines.size() - 1; i >= blankLines.size() - split; i--) edited = Edits.replace(edited, blankLines.get(i), blankLines.get(i) + 2, "\n\n***\n\n");
        StringBuilder added = new StringBuilder();
        List<String> sentences = Edits.fillers(response, missing - split);
        for (String sentence : sentences) added.append("\n\n***\n\n").append(sentence);
        int end = Edits.textEnd(edited);
        return List.of(new Edit("split_paragraphs", Edits.replace(edited, end, end, added.toString())));
    }

    /** The text with these dividers removed (a space kept where words would touch). */
    private static String merge(String response, List<int[]> dividers) {
        String edited = response;
        for (int i = dividers.size() - 1; i >= 0; i--) {
            int[] d = dividers.get(i);
            boolean spaced = d[0] > 0 && PyText.isSpace(edited.charAt(d[0] - 1)) || d[1] < edited.length() && PyText.isSpace(edited.charAt(d[1]));
            edited = Edits.replace(edited, d[0], d[1], spaced ? "" : " ");
        }
        return edited;
    }

    public Map<String, Object> kwargs() { return Map.of("num_paragraphs", numParagraphs); }

    /** 1-5 blocks, joined by *** dividers. */
    private static final class Sampling implements Sketch<NumberOfParagraphs> {
        private int paragraphs;

        public void layout(Draft d) {
            paragraphs = d.between(1, 5);
            d.setBlockCount(paragraphs);
        }

        public void content(Draft d) {
            d.witness().setBlockSeparator("\n\n***\n\n");
        }

        public NumberOfParagraphs finish(Draft d) {
            return new NumberOfParagraphs(paragraphs);
        }
    }
}
