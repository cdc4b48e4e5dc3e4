package dev.jack.core.curate;

import dev.jack.core.curate.RejectionSampling.Contrast;
import dev.jack.core.curate.RejectionSampling.Options;
import dev.jack.core.curate.RejectionSampling.Pair;
import dev.jack.core.curate.RejectionSampling.Sample;
import dev.jack.core.ifeval.Verdicts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RejectionSamplingTest {
    private static List<Sample> samples(double... rewards) {
        List<Sample> s = new ArrayList<>();
        for (int i = 0; i < rewards.length; i++) s.add(new Sample(i, rewards[i]));
        return s;
    }

    private static Options options(Contrast c, double minGap, int maxPairs) {
        return new Options(c, 0.5, minGap, maxPairs, 7);
    }

    @Test
    void highContrastPairsBestWithWorst() {
        List<Pair> pairs = RejectionSampling.pairs(1, samples(0.5, 1.0, 0.0, 0.75), options(Contrast.HIGH, 0, 1), null);
        assertEquals(List.of(new Pair(1, 2, 1.0, 0.0, Contrast.HIGH)), pairs);
    }

    @Test
    void lowContrastPairsTheClosestLevelsAboveTheMinimumGap() {
        List<Pair> low = RejectionSampling.pairs(1, samples(0.0, 0.5, 0.75, 1.0), options(Contrast.LOW, 0, 1), null);
        assertEquals(0.25, low.getFirst().chosenReward() - low.getFirst().rejectedReward(), 1e-12);
        assertEquals(1.0, low.getFirst().chosenReward(), 1e-12, "the first of the equally close pairs, from the top");
        List<Pair> gapped = RejectionSampling.pairs(1, samples(0.0, 0.5, 0.75, 1.0), options(Contrast.LOW, 0.4, 1), null);
        assertEquals(0.5, gapped.getFirst().chosenReward() - gapped.getFirst().rejectedReward(), 1e-12);
        assertTrue(RejectionSampling.pairs(1, samples(0.5, 0.6), options(Contrast.HIGH, 0.2, 1), null).isEmpty(), "gap too small");
    }

    @Test
    void equalRewardsGiveNoPairAndPairsNeverTie() {
        assertTrue(RejectionSampling.pairs(1, samples(1, 1, 1, 1), options(Contrast.HIGH, 0, 3), null).isEmpty());
        for (int key = 0; key < 200; key++) {
            for (Pair p : RejectionSampling.pairs(key, samples(1, 1, 0.5, 0.5, 0, 0), options(Contrast.MIXED, 0, 3), null)) {
                assertTrue(p.chosenReward() > p.rejectedReward());
            }
        }
    }

    @Test
    void capsAndNoSampleIsUsedTwice() {
        List<Pair> pairs = RejectionSampling.pairs(3, samples(1, 1, 1, 0, 0, 0.5, 0.5, 0.25), options(Contrast.HIGH, 0, 3), null);
        assertEquals(3, pairs.size());
        Set<Integer> used = new HashSet<>();
        for (Pair p : pairs) {
            assertTrue(used.add(p.chosen()) && used.add(p.rejected()));
        }
        assertEquals(2, RejectionSampling.pairs(3, samples(1, 0, 1, 0), options(Contrast.HIGH, 0, 5), null).size(), "only four samples");
    }

    @Test
    void choicesAmongEqualsAreSeededAndAJudgeBreaksTies() {
        List<Sample> tied = samples(1, 1, 1, 1, 0, 0, 0, 0);
        Set<Integer> chosen = new HashSet<>();
        for (long key = 0; key < 50; key++) {
            Pair a = RejectionSampling.pairs(key, tied, options(Contrast.HIGH, 0, 1), null).getFirst();
            Pair b = RejectionSampling.pairs(key, tied, options(Contrast.HIGH, 0, 1), null).getFirst();
            assertEquals(a, b, "deterministic");
            chosen.add(a.chosen());
        }
        assertTrue(chosen.size() > 1, "different prompts draw different samples among equals");
        // The judge prefers higher indices: best-judged chosen, worst-judged rejected.
        Pair judged = RejectionSampling.pairs(5, tied, options(Contrast.HIGH, 0, 1), s -> s.index()).getFirst();
        assertEquals(3, judged.chosen());
        assertEquals(4, judged.rejected());
    }

    @Test
    void mixedUsesBothContrastsInTheSetShare() {
        int high = 0;
        for (long key = 0; key < 1000; key++) {
            Pair p = RejectionSampling.pairs(key, samples(1, 0.75, 0.5, 0), new Options(Contrast.MIXED, 0.3, 0, 1, 1), null).getFirst();
            if (p.contrast() == Contrast.HIGH) {
                high++;
                assertEquals(1.0, p.chosenReward() - p.rejectedReward(), 1e-12);
            } else {
                assertEquals(0.25, p.chosenReward() - p.rejectedReward(), 1e-12);
            }
        }
        assertTrue(high > 240 && high < 360, "about 30% high: " + high);
    }

    @Test
    void rewardsAreFractionsOfConstraintsFollowed() {
        Verdicts v = new Verdicts(List.of(true, false, false, true), List.of(true, true, false, true));
        assertEquals(0.5, Reward.STRICT.of(v, false));
        assertEquals(0.75, Reward.LOOSE.of(v, false));
        assertEquals(0.625, Reward.MEAN.of(v, false));
        assertEquals(0.0, Reward.STRICT.of(v, true));
        assertEquals(1.0, Reward.STRICT.of(new Verdicts(List.of(true), List.of(true)), true));
    }
}
