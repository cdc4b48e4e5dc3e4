package dev.jack.core.ifbench;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * ratio:overlap — of the response's distinct character trigrams ({@code nltk.ngrams} over code
 * points), the share also in reference_text is within 2 points of {@code percentage}%; a response
 * shorter than three characters fails.
 */
public record NGramOverlap(String referenceText, double percentage) implements Checker {
    public static final String ID = "ratio:overlap";

    static NGramOverlap parse(Args a) {
        return new NGramOverlap(a.string("reference_text"), a.number("percentage", 0, Args.RANDOM_IF_NEGATIVE));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Maintain a trigram overlap of " + PyStr.number(percentage) + "% (±2%) with the provided reference text.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("reference_text", referenceText, "percentage", percentage);
    }

    /** Each trigram packed into one long (21 bits per code point). */
    private static Set<Long> trigrams(String s) {
        int[] cps = s.codePoints().toArray();
        Set<Long> grams = new HashSet<>();
        for (int i = 0; i + 2 < cps.length; i++) grams.add(((long) cps[i] << 42) | ((long) cps[i + 1] << 21) | cps[i + 2]);
        return grams;
    }

    public boolean check(String response, Analyses text) {
        Set<Long> grams = trigrams(response);
        if (grams.isEmpty()) return false;
        Set<Long> reference = trigrams(referenceText);
        long shared = grams.stream().filter(reference::contains).count();
        double overlap = (double) shared / grams.size();
        return percentage - 2 <= overlap * 100 && overlap * 100 <= percentage + 2;
    }
}
