package dev.jack.core.curate;

import dev.jack.core.curate.RejectionSampling.Contrast;
import dev.jack.core.curate.RejectionSampling.Options;
import dev.jack.core.curate.RejectionSampling.Pair;
import dev.jack.core.data.PreferencePair;
import dev.jack.core.data.Sample;
import dev.jack.core.data.ScoredSample;
import dev.jack.core.ifeval.Verdicts;
import dev.jack.core.text.Thinking;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RejectionSamplingTest {
    private static List<RejectionSampling.Sample> samples(double... rewards) {
        List<RejectionSampling.Sample> s = new ArrayList<>();
        for (int i = 0; i < rewards.length; i++) s.add(new RejectionSampling.Sample(i, rewards[i], true));
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
        List<RejectionSampling.Sample> tied = samples(1, 1, 1, 1, 0, 0, 0, 0);
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
    void aSampleThatMayNotBeChosenIsOnlyEverRejected() {
        // The best sample (1.0) may not be chosen: high contrast pairs the best choosable one with the worst.
        List<RejectionSampling.Sample> s = List.of(new RejectionSampling.Sample(0, 1.0, false), new RejectionSampling.Sample(1, 0.5, true), new RejectionSampling.Sample(2, 0.0, true));
        assertEquals(List.of(new Pair(1, 2, 0.5, 0.0, Contrast.HIGH)), RejectionSampling.pairs(1, s, options(Contrast.HIGH, 0, 1), null));
        // The worst may be rejected although it may not be chosen.
        List<RejectionSampling.Sample> worstFlawed = List.of(new RejectionSampling.Sample(0, 1.0, true), new RejectionSampling.Sample(1, 0.0, false));
        assertEquals(List.of(new Pair(0, 1, 1.0, 0.0, Contrast.HIGH)), RejectionSampling.pairs(1, worstFlawed, options(Contrast.HIGH, 0, 1), null));
        // Low contrast: the closest levels whose upper one can be chosen (0.5 over 0.25, not 1.0 over 0.75 nor 0.75 over 0.5).
        List<RejectionSampling.Sample> low = List.of(new RejectionSampling.Sample(0, 1.0, false), new RejectionSampling.Sample(1, 0.75, false), new RejectionSampling.Sample(2, 0.5, true), new RejectionSampling.Sample(3, 0.25, true));
        assertEquals(List.of(new Pair(2, 3, 0.5, 0.25, Contrast.LOW)), RejectionSampling.pairs(1, low, options(Contrast.LOW, 0, 1), null));
        // Within a level, a choosable sample is chosen whatever the draw.
        for (long key = 0; key < 50; key++) {
            List<RejectionSampling.Sample> level = List.of(new RejectionSampling.Sample(0, 1.0, false), new RejectionSampling.Sample(1, 1.0, true), new RejectionSampling.Sample(2, 1.0, false), new RejectionSampling.Sample(3, 0.0, true));
            assertEquals(1, RejectionSampling.pairs(key, level, options(Contrast.HIGH, 0, 1), null).getFirst().chosen());
        }
        assertTrue(RejectionSampling.pairs(1, List.of(new RejectionSampling.Sample(0, 1.0, false), new RejectionSampling.Sample(1, 0.0, false)), options(Contrast.HIGH, 0, 1), null)
                .isEmpty(), "nothing to choose, no pair");
    }

    private static ScoredSample scored(long index, String response, String reasoning, String finishReason, double reward, String system) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("temperature", 1.0);
        params.put("system", system);
        Sample sample = new Sample(7, index, "Write a poem.", response, reasoning, finishReason, null, 10L, "m", "chat", params, index, null, Map.of());
        return new ScoredSample(sample, List.of(), List.of("punctuation:no_comma"), List.of(reward == 1), List.of(reward == 1), reward, reward, reward);
    }

    @Test
    void curatedPairsHoldTheConversationTheFinishReasonsAndTheThinkingAlike() {
        Map<Long, List<ScoredSample>> byKey = Map.of(7L, List.of(
                scored(0, "Arr, a poem.", "Think like a pirate.", "stop", 1.0, "You are a pirate."),
                scored(1, "<think>hmm</think>\n\nA poem, matey.", null, "stop", 0.0, "You are a pirate.")));
        RejectionSampling.Curated stripped = RejectionSampling.curate(byKey, options(Contrast.HIGH, 0, 1), Thinking.STRIP, null, null, null);
        PreferencePair p = stripped.pairs().getFirst();
        assertEquals("You are a pirate.", p.system());
        assertEquals("Write a poem.", p.prompt());
        assertEquals("Arr, a poem.", p.chosen());
        assertEquals("A poem, matey.", p.rejected());
        assertEquals("stop", p.chosenFinishReason());
        PreferencePair kept = RejectionSampling.curate(byKey, options(Contrast.HIGH, 0, 1), Thinking.KEEP, null, null, null).pairs().getFirst();
        assertEquals("<think>\nThink like a pirate.\n</think>\n\nArr, a poem.", kept.chosen(), "reasoning_content is put back in front");
        assertEquals("<think>hmm</think>\n\nA poem, matey.", kept.rejected());
    }

    @Test
    void curationCountsTheSamplesItWouldNotChoose() {
        Map<Long, List<ScoredSample>> byKey = Map.of(7L, List.of(
                scored(0, "Cut off in the midd", null, "length", 1.0, null),
                scored(1, "  ", null, "stop", 1.0, null),
                scored(2, "Fine.", null, "stop", 0.5, null),
                scored(3, "Bad, bad.", null, "stop", 0.0, null)));
        Function<ScoredSample, Flaw> screen = s -> Flaw.of(s.sample().finishReason(), Thinking.answer(s.sample().response()), false);
        RejectionSampling.Curated c = RejectionSampling.curate(byKey, options(Contrast.HIGH, 0, 2), Thinking.STRIP, screen, null, null);
        assertEquals(List.of("Fine."), c.pairs().stream().map(PreferencePair::chosen).toList());
        assertEquals(Map.of("truncated", 1, "empty", 1, "control_tokens", 0), c.stats(Contrast.HIGH).excluded());
        RejectionSampling.Curated allowed = RejectionSampling.curate(byKey, options(Contrast.HIGH, 0, 2), Thinking.STRIP, null, null, null);
        assertEquals(2, allowed.pairs().size());
        assertEquals(0, allowed.stats(Contrast.HIGH).excludedTotal());
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
