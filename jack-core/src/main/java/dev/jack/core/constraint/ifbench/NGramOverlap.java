package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * ratio:overlap — of the response's distinct character trigrams ({@code nltk.ngrams} over code
 * points), the share also in reference_text is within 2 points of {@code percentage}%; a response
 * shorter than three characters fails.
 */
public record NGramOverlap(String referenceText, double percentage) implements Constraint {
    public static final String ID = "ratio:overlap";

    public static final ConstraintType<NGramOverlap> TYPE = ConstraintType.builder(ID, NGramOverlap::parse)
            .parameters(Parameter.string("reference_text"), new Parameter("percentage", "number >= 0"))
            .example(new NGramOverlap("Good planning saves a lot of trouble later. The details matter more than they seem.", 60.0))
            .hardness(0.75)
            .phrasings("Maintain a trigram overlap of {percentage}% (±2%) with the provided reference text. Reference text: {reference_text}",
                    "About {percentage}% (±2%) of your response's character trigrams must also occur in this reference text: {reference_text}",
                    "Keep a {percentage}% (±2%) trigram overlap with the following reference text: {reference_text}")
            .synthesis(900, () -> Sampling.INSTANCE)
            .build();

    private static NGramOverlap parse(Kwargs k) {
        return new NGramOverlap(k.string("reference_text"), k.number("percentage", 0, Kwargs.RANDOM_IF_NEGATIVE));
    }

    public ConstraintType<NGramOverlap> type() { return TYPE; }

    public String description() {
        return "Maintain a trigram overlap of " + PyText.number(percentage) + "% (±2%) with the provided reference text.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("reference_text", referenceText, "percentage", percentage);
    }

    /** Reference texts' trigrams, kept while the text is in use: loose mode asks up to eight times per row. */
    private static final Map<String, long[]> REFERENCE_TRIGRAMS = Collections.synchronizedMap(new WeakHashMap<>());

    /** The distinct trigrams, sorted, each packed into one long (21 bits per code point). */
    private static long[] trigrams(String s) {
        long[] grams = new long[Math.max(0, s.length() - 2)];
        int count = 0;
        long window = 0;
        int seen = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            window = ((window << 21) | cp) & ((1L << 63) - 1);
            if (++seen >= 3) grams[count++] = window;
        }
        Arrays.sort(grams, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) if (distinct == 0 || grams[i] != grams[distinct - 1]) grams[distinct++] = grams[i];
        return Arrays.copyOf(grams, distinct);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        double overlap = overlap(response, referenceText);
        return overlap >= 0 && percentage - 2 <= overlap && overlap <= percentage + 2;
    }

    /** The percentage of the response's distinct trigrams that the reference text has; -1 when it has none. */
    private static double overlap(String response, String referenceText) {
        long[] grams = trigrams(response);
        if (grams.length == 0) return -1;
        long[] reference = REFERENCE_TRIGRAMS.computeIfAbsent(referenceText, NGramOverlap::trigrams);
        int shared = 0;
        for (int i = 0, j = 0; i < grams.length && j < reference.length; ) {
            if (grams[i] == reference[j]) {
                shared++;
                i++;
                j++;
            } else if (grams[i] < reference[j]) {
                i++;
            } else {
                j++;
            }
        }
        return ((double) shared / grams.length) * 100;
    }

    public Map<String, Object> wordingValues() {
        return Map.of("reference_text", referenceText, "percentage", PyText.number(percentage));
    }

    /** Read off the final witness: two to four pool sentences as the reference, and the overlap rounded. */
    private enum Sampling implements Sketch<NGramOverlap> {
        INSTANCE;

        public NGramOverlap finish(Draft d) {
            List<String> sentences = new ArrayList<>();
            for (int i = d.between(2, 4); i > 0; i--) sentences.add(d.sentence());
            String reference = String.join(" ", sentences);
            double overlap = overlap(d.witnessText(), reference);
            return overlap < 0 ? null : new NGramOverlap(reference, Math.round(overlap));
        }
    }
}
