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

    /** Reference texts' trigram sets, kept while the text is in use: loose mode asks up to eight times per row. */
    private static final Map<String, long[]> REFERENCE_TRIGRAMS = Collections.synchronizedMap(new WeakHashMap<>());

    /** A free slot of a trigram set: no trigram packs to -1 (three code points take 63 bits). */
    private static final long FREE = -1;

    /** Each trigram of the text ({@code nltk.ngrams} over code points), packed into one long (21 bits per code point), in order. */
    private static long[] trigrams(String s, int[] count) {
        long[] grams = new long[Math.max(0, s.length() - 2)];
        int n = 0;
        long window = 0;
        int seen = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            window = ((window << 21) | cp) & Long.MAX_VALUE;
            if (++seen >= 3) grams[n++] = window;
        }
        count[0] = n;
        return grams;
    }

    /** An open-addressing set with room for {@code n} trigrams at most half full: its length is a power of two. */
    private static long[] emptySet(int n) {
        long[] slots = new long[Math.max(4, Integer.highestOneBit(Math.max(1, n) * 2 - 1) << 1)];
        Arrays.fill(slots, FREE);
        return slots;
    }

    /** Adds the trigram; whether it was new. */
    private static boolean add(long[] set, long gram) {
        int mask = set.length - 1;
        for (int i = slot(gram, mask); ; i = (i + 1) & mask) {
            if (set[i] == gram) return false;
            if (set[i] == FREE) {
                set[i] = gram;
                return true;
            }
        }
    }

    private static boolean contains(long[] set, long gram) {
        int mask = set.length - 1;
        for (int i = slot(gram, mask); ; i = (i + 1) & mask) {
            if (set[i] == gram) return true;
            if (set[i] == FREE) return false;
        }
    }

    private static int slot(long gram, int mask) {
        return (int) ((gram * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }

    private static long[] trigramSet(String s) {
        int[] count = new int[1];
        long[] grams = trigrams(s, count);
        long[] set = emptySet(count[0]);
        for (int i = 0; i < count[0]; i++) add(set, grams[i]);
        return set;
    }

    public boolean isFollowedBy(String response, TextTools text) {
        double overlap = overlap(response, referenceText);
        return overlap >= 0 && percentage - 2 <= overlap && overlap <= percentage + 2;
    }

    /** The percentage of the response's distinct trigrams that the reference text has; -1 when it has none. */
    private static double overlap(String response, String referenceText) {
        int[] count = new int[1];
        long[] grams = trigrams(response, count);
        if (count[0] == 0) return -1;
        long[] reference = REFERENCE_TRIGRAMS.computeIfAbsent(referenceText, NGramOverlap::trigramSet);
        long[] seen = emptySet(count[0]);
        int distinct = 0;
        int shared = 0;
        for (int i = 0; i < count[0]; i++) {
            if (add(seen, grams[i])) {
                distinct++;
                if (contains(reference, grams[i])) shared++;
            }
        }
        return ((double) shared / distinct) * 100;
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
