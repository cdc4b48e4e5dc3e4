package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Witness;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * detectable_format:number_highlighted_sections — at least N non-blank {@code *highlights*}. As in the
 * reference, single- and double-asterisk spans are counted in two separate passes and added, so a
 * {@code **bold**} span counts twice.
 */
public record NumberOfHighlightedSections(int numHighlights) implements Constraint {
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
     * Counts non-overlapping matches of {@code \*{k}[^\n*]*\*{k}} whose inside is not blank, scanning
     * left to right like {@code re.findall}.
     */
    static int countSpans(String s, int k) {
        int count = 0;
        int n = s.length();
        int i = 0;
        while (i + 2 * k <= n) {
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
