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
import java.util.function.LongConsumer;

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

    /** The last reference text asked for (by identity: a prompt's constraint keeps its own) and its trigram set. */
    private record Prepared(String referenceText, long[] trigrams) {}

    private static volatile Prepared lastPrepared;

    /** A free slot of a trigram set: no trigram packs to -1 (three code points take 63 bits). */
    private static final long FREE = -1;

    /** An open-addressing set with room for {@code n} trigrams at most half full: its length is a power of two. */
    private static long[] emptySet(int n) {
        long[] slots = new long[slotsFor(n)];
        Arrays.fill(slots, FREE);
        return slots;
    }

    private static int slotsFor(int n) {
        return Math.max(4, Integer.highestOneBit(Math.max(1, n) * 2 - 1) << 1);
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

    /** The trigram's slot in the set, or -1 when it is not there. */
    private static int indexOf(long[] set, long gram) {
        int mask = set.length - 1;
        for (int i = slot(gram, mask); ; i = (i + 1) & mask) {
            if (set[i] == gram) return i;
            if (set[i] == FREE) return -1;
        }
    }

    private static int slot(long gram, int mask) {
        return (int) ((gram * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }

    /** Each trigram of the text ({@code nltk.ngrams} over code points), packed into one long (21 bits per code point), in order. */
    private static void trigrams(String s, LongConsumer sink) {
        long window = 0;
        int codePoints = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = PyText.codePointAt(s, i);
            i += Character.charCount(cp);
            window = ((window << 21) | cp) & Long.MAX_VALUE;
            if (++codePoints >= 3) sink.accept(window);
        }
    }

    private static long[] trigramSet(String s) {
        long[] set = emptySet(Math.max(0, s.length() - 2));
        trigrams(s, gram -> add(set, gram));
        return set;
    }

    private static long[] referenceTrigrams(String referenceText) {
        Prepared last = lastPrepared;
        if (last != null && last.referenceText() == referenceText) return last.trigrams();
        long[] set = REFERENCE_TRIGRAMS.computeIfAbsent(referenceText, NGramOverlap::trigramSet);
        lastPrepared = new Prepared(referenceText, set);
        return set;
    }

    public boolean isFollowedBy(String response, TextTools text) {
        double overlap = overlap(response, referenceText);
        return overlap >= 0 && percentage - 2 <= overlap && overlap <= percentage + 2;
    }

    /**
     * One thread's count of a response's distinct trigrams and of those the reference has, reused from response to
     * response. A trigram the reference has is looked up there only, and marked met in a stamp array beside the
     * reference set's slots; one it lacks goes into the thread's own set. A slot counts as taken or met only when stamped
     * with the current response's number, so starting a response clears nothing, and a mark left against another
     * reference set (the stamps follow its slots) is never the current number.
     */
    private static final class Seen implements LongConsumer {
        long[] grams = new long[256];
        int[] stamps = new int[256];
        /** Per slot of {@link #reference}: the number of the last response that met its trigram. */
        int[] met = new int[256];
        int stamp;
        long[] reference;
        int distinct;
        int shared;

        /** Empties the set, with room for {@code n} trigrams at most half full, and counts against this reference set. */
        void start(int n, long[] referenceSet) {
            int size = slotsFor(n);
            // New arrays hold 0, never a response's number.
            if (size > grams.length) {
                grams = new long[size];
                stamps = new int[size];
            }
            if (referenceSet.length > met.length) met = new int[referenceSet.length];
            if (++stamp == 0) {
                Arrays.fill(stamps, 0);
                Arrays.fill(met, 0);
                stamp = 1;
            }
            reference = referenceSet;
            distinct = 0;
            shared = 0;
        }

        /** Adds the trigram, counting it when new. */
        public void accept(long gram) {
            int r = indexOf(reference, gram);
            if (r >= 0) {
                if (met[r] != stamp) {
                    met[r] = stamp;
                    distinct++;
                    shared++;
                }
                return;
            }
            int mask = grams.length - 1;
            for (int i = slot(gram, mask); ; i = (i + 1) & mask) {
                if (stamps[i] != stamp) {
                    stamps[i] = stamp;
                    grams[i] = gram;
                    distinct++;
                    return;
                }
                if (grams[i] == gram) return;
            }
        }
    }

    private static final ThreadLocal<Seen> SEEN = ThreadLocal.withInitial(Seen::new);
    /** The longest response whose set a thread keeps for the next (a megabyte-long one gets a set of its own). */
    private static final int KEPT_LENGTH = 1 << 15;

    /** The percentage of the response's distinct trigrams that the reference text has; -1 when it has none. */
    private static double overlap(String response, String referenceText) {
        if (response.length() < 3) return -1;
        Seen seen = response.length() <= KEPT_LENGTH ? SEEN.get() : new Seen();
        seen.start(response.length() - 2, referenceTrigrams(referenceText));
        trigrams(response, seen);
        if (seen.distinct == 0) return -1;
        return ((double) seen.shared / seen.distinct) * 100;
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
