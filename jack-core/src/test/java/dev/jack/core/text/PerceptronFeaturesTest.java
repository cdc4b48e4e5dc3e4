package dev.jack.core.text;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The tagger's feature table, looked up by a name's parts, against a map looked up by the joined name: names whose
 * parts are empty, longer than the table of powers of 31, non-ASCII, or whose String hashes collide ("Aa" and "BB"),
 * present and absent.
 */
class PerceptronFeaturesTest {
    @Test
    void partsFindWhatTheJoinedNameFinds() {
        List<String> prefixes = List.of("", "i word ", "i-1 tag+i word ", "i tag+i-2 tag ");
        List<String> parts = List.of("", "Aa", "BB", "AaBB", "BBAa", "a", "-START-", "NN", "é", "😀x", "x".repeat(70), "y".repeat(64) + "Aa",
                "y".repeat(64) + "BB", " ", "a b");
        Map<String, PerceptronTagger.Weights> byName = new HashMap<>();
        Random random = new Random(7);
        for (String prefix : prefixes) {
            for (String middle : parts) {
                for (String last : parts) {
                    if (random.nextInt(3) == 0) byName.put(prefix + middle + " " + last, weights());
                    if (random.nextInt(3) == 0) byName.put(prefix + last, weights());
                }
            }
        }
        PerceptronTagger.Features features = new PerceptronTagger.Features(byName);
        for (String prefix : prefixes) {
            for (String middle : parts) {
                for (String last : parts) {
                    assertSame(byName.get(prefix + middle + " " + last), features.get(prefix, middle, last), prefix + "|" + middle + "|" + last);
                    assertSame(byName.get(prefix + last), features.get(prefix, null, last), prefix + "|" + last);
                }
            }
        }
    }

    private static PerceptronTagger.Weights weights() {
        return new PerceptronTagger.Weights(new byte[] {0}, new double[] {1});
    }
}
