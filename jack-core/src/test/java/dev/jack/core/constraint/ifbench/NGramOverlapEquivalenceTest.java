package dev.jack.core.constraint.ifbench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ratio:overlap's packed-trigram hash sets against the reference's arithmetic written plainly (sets of code-point
 * triples, {@code len(common) / len(response_ngrams) * 100}): the same verdict at and around the ±2 window's edges,
 * on every IFBench response paired with another as the reference, and on generated texts with astral characters.
 */
class NGramOverlapEquivalenceTest {
    /** {@code set(nltk.ngrams(text, 3))}, as code-point triples. */
    private static Set<List<Integer>> trigrams(String text) {
        int[] cps = text.codePoints().toArray();
        Set<List<Integer>> grams = new HashSet<>();
        for (int i = 0; i + 2 < cps.length; i++) grams.add(List.of(cps[i], cps[i + 1], cps[i + 2]));
        return grams;
    }

    private static void check(String response, String reference) {
        Set<List<Integer>> mine = trigrams(response);
        Set<List<Integer>> common = new HashSet<>(mine);
        common.retainAll(trigrams(reference));
        double overlap = mine.isEmpty() ? -1 : ((double) common.size() / mine.size()) * 100;
        for (double p : new double[] {overlap, overlap - 2, overlap + 2, overlap - 2.5, overlap + 2.5, Math.round(overlap), 0, 100}) {
            if (p < 0) continue;
            boolean expected = overlap >= 0 && p - 2 <= overlap && overlap <= p + 2;
            assertEquals(expected, new NGramOverlap(reference, p).isFollowedBy(response, null), response + " | " + reference + " | " + p);
        }
    }

    /** Up to 29 code points drawn from a few letters, spaces, a newline, NUL, an astral emoji and an accented letter. */
    private static String generate(Random random) {
        int[] alphabet = "ab ab\n\u0000\uD83D\uDE00é".codePoints().toArray();
        return random.ints(random.nextInt(30), 0, alphabet.length).map(i -> alphabet[i])
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    @Test
    void sameVerdictsOnGeneratedTexts() {
        Random random = new Random(15);
        for (int i = 0; i < 20_000; i++) check(generate(random), generate(random));
    }

    /** Responses longer than a thread keeps a set for, between shorter ones (which then reuse the kept set). */
    @Test
    void sameVerdictsOnLongResponses() {
        Random random = new Random(16);
        for (int i = 0; i < 6; i++) {
            StringBuilder b = new StringBuilder();
            while (b.length() < 40_000 * (i % 2)) b.append(generate(random));
            check(b.toString() + generate(random), generate(random) + generate(random));
        }
    }

    @Test
    void sameVerdictsOnTheReferenceResponses() throws IOException {
        List<String> all = ReferenceResponses.all();
        for (int i = 0; i < all.size(); i++) check(all.get(i), all.get((i + 1) % all.size()));
    }
}
