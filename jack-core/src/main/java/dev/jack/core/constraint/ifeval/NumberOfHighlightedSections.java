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
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * detectable_format:number_highlighted_sections — at least N non-blank {@code *highlights*}. As in the
 * reference, single- and double-asterisk spans are counted in two separate passes and added (a {@code **bold**}
 * span counts once: the single-asterisk pass sees two empty {@code **} there).
 */
public record NumberOfHighlightedSections(int numHighlights) implements Constraint, LooseVariantsFail {
    public static final String ID = "detectable_format:number_highlighted_sections";

    public static final ConstraintType<NumberOfHighlightedSections> TYPE = ConstraintType.builder(ID, NumberOfHighlightedSections::parse)
            .parameters(Parameter.integer("num_highlights", 0))
            .example(new NumberOfHighlightedSections(2))
            .hardness(0.3)
            .phrasings("Highlight at least {num_highlights} {sections} of your answer with markdown, i.e. *highlighted section*.",
                    "Use markdown to highlight at least {num_highlights} {parts} of your response, like *this*.",
                    "Mark at least {num_highlights} key {phrases} with single asterisks, e.g. *key phrase*.")
            .synthesis(130, Sampling::new)
            .build();

    private static NumberOfHighlightedSections parse(Kwargs k) {
        return new NumberOfHighlightedSections(k.integer("num_highlights", 0));
    }

    public ConstraintType<NumberOfHighlightedSections> type() { return TYPE; }

    public String description() {
        return "Highlight at least " + numHighlights + " sections in your answer with markdown, i.e. *highlighted section*.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return countSpans(response, 1) + countSpans(response, 2) >= numHighlights;
    }

    /**
     * Always: a variant has no more highlights than the response. Without '*' it has none; a variant that drops lines
     * keeps the others' highlights as they were (none spans a newline, so each line is searched on its own, and what
     * stripping takes off the ends is whitespace, outside every highlight).
     */
    public boolean variantsFailWith(String response) {
        return true;
    }

    /** What the reference counts: the matches of {@code \*[^\n\*]*\*} and of {@code \*\*[^\n\*]*\*\*} whose inside is not blank. */
    private static List<int[]> highlights(String response) {
        List<int[]> found = new ArrayList<>();
        for (String pattern : List.of("\\*[^\\n\\*]*\\*", "\\*\\*[^\\n\\*]*\\*\\*")) {
            Matcher m = PyRegex.cached(pattern, 0).matcher(response);
            int k = pattern.startsWith("\\*\\*") ? 2 : 1;
            while (m.find()) if (!PyText.isBlank(response.substring(m.start() + k, m.end() - k))) found.add(new int[] {m.start(), m.end(), k});
        }
        found.sort(Comparator.comparingInt((int[] h) -> h[0]));
        return found;
    }

    /** Each highlight the reference counts; too few, also where more would go. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.counted(highlights(response), Relation.AT_LEAST, numHighlights, "highlight", Edits.textEnd(response));
    }

    /** Highlights unwrapped (their asterisks removed), the last first, until fewer than N are counted. */
    public List<Edit> breaks(String response, TextTools text) {
        List<int[]> found = highlights(response);
        String edited = response;
        int covered = Integer.MAX_VALUE;
        for (int i = found.size() - 1; i >= 0 && isFollowedBy(edited, text); i--) {
            int[] h = found.get(i);
            if (h[1] > covered) continue;
            covered = h[0];
            edited = edited.substring(0, h[0]) + edited.substring(h[0] + h[2], h[1] - h[2]) + edited.substring(h[1]);
        }
        return isFollowedBy(edited, text) ? List.of() : List.of(new Edit("remove_highlights", edited));
    }

    /** As many of the longest words (not at a line's start, not next to an asterisk) as are missing, put in *asterisks*. */
    public List<Edit> repairs(String response, TextTools text) {
        int missing = numHighlights - highlights(response).size();
        List<int[]> words = new ArrayList<>();
        for (int[] w : PyText.wordRuns(response)) {
            boolean afterSpace = w[0] > 0 && response.charAt(w[0] - 1) == ' ';
            boolean starNear = response.substring(Math.max(0, w[0] - 2), Math.min(response.length(), w[1] + 2)).contains("*");
            if (afterSpace && !starNear && w[1] - w[0] >= 4) words.add(w);
        }
        if (words.size() < missing) return List.of();
        List<int[]> longest = new ArrayList<>(words);
        longest.sort(Comparator.comparingInt((int[] w) -> w[0] - w[1]));
        List<int[]> chosen = new ArrayList<>(longest.subList(0, missing));
        chosen.sort(Comparator.comparingInt((int[] w) -> -w[0]));
        String edited = response;
        for (int[] w : chosen) edited = edited.substring(0, w[0]) + "*" + edited.substring(w[0], w[1]) + "*" + edited.substring(w[1]);
        return List.of(new Edit("add_highlights", edited));
    }

    /**
     * Counts non-overlapping matches of {@code \*{k}[^\n*]*\*{k}} whose inside is not blank, scanning
     * left to right like {@code re.findall}. A span starts at an asterisk, so the scan jumps to the next one
     * ({@link PyText#indexOf}, eight chars at a time): char by char, with a call to {@link #stars} at each, it took
     * 3.9% of a 54,100-row eval's CPU time (C1 inlined neither {@code stars} nor {@code charAt}), most responses having
     * no asterisk.
     */
    static int countSpans(String s, int k) {
        int count = 0;
        int n = s.length();
        int i = 0;
        while (i + 2 * k <= n) {
            i = PyText.indexOf(s, '*', i);
            if (i < 0 || i + 2 * k > n) break;
            if (!stars(s, i, k)) {
                i++;
                continue;
            }
            int j = i + k;
            while (j < n && s.charAt(j) != '\n' && s.charAt(j) != '*') j++;
            if (stars(s, j, k)) {
                if (!PyText.isBlank(s.substring(i + k, j))) count++;
                i = j + k;
            } else {
                i++;
            }
        }
        return count;
    }

    private static boolean stars(String s, int at, int k) {
        if (at + k > s.length()) return false;
        for (int i = at; i < at + k; i++) if (s.charAt(i) != '*') return false;
        return true;
    }


    public Map<String, Object> kwargs() { return Map.of("num_highlights", numHighlights); }

    /** Wraps a sentence's last two words in single asterisks, the period outside: "It is simple and easy *to follow*." */
    static String highlightEnding(String sentence) {
        String body = Witness.stripPeriod(sentence);
        int cut = body.lastIndexOf(' ', body.lastIndexOf(' ') - 1);
        return body.substring(0, cut + 1) + "*" + body.substring(cut + 1) + "*" + sentence.substring(body.length());
    }

    /** 1-4 highlights, each the ending of a different sentence (sentences are added when too few). */
    private static final class Sampling implements Sketch<NumberOfHighlightedSections> {
        private int highlights;

        public void content(Draft d) {
            highlights = d.between(1, 4);
            Witness w = d.witness();
            while (w.proseLines().stream().mapToInt(l -> l.sentences().size()).sum() < highlights) d.addSentence(d.sentence());
            List<int[]> slots = new ArrayList<>();
            List<Witness.Line> lines = w.proseLines();
            for (int li = 0; li < lines.size(); li++) {
                for (int si = 0; si < lines.get(li).sentences().size(); si++) slots.add(new int[] {li, si});
            }
            for (int h = 0; h < highlights; h++) {
                int[] slot = slots.remove(d.nextInt(slots.size()));
                List<String> sentences = lines.get(slot[0]).sentences();
                sentences.set(slot[1], highlightEnding(sentences.get(slot[1])));
            }
        }

        public NumberOfHighlightedSections finish(Draft d) {
            return new NumberOfHighlightedSections(highlights);
        }
    }
}
