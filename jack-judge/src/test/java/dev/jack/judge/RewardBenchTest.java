package dev.jack.judge;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RewardBenchTest {
    @Test
    void v1ConstantsAreRewardBenchs() {
        assertEquals(23, RewardBench.V1_EXAMPLE_COUNTS.size());
        assertEquals(List.of("Chat", "Chat Hard", "Safety", "Reasoning"), List.copyOf(RewardBench.V1_SECTIONS.keySet()));
        int code = RewardBench.V1_SECTIONS.get("Reasoning").stream().filter(s -> s.startsWith("hep-")).mapToInt(RewardBench.V1_EXAMPLE_COUNTS::get).sum();
        assertEquals(code, RewardBench.V1_EXAMPLE_COUNTS.get("math-prm"), "math weighs as much as the code subsets together");
        for (List<String> subsets : RewardBench.V1_SECTIONS.values()) {
            for (String s : subsets) assertEquals(true, RewardBench.V1_EXAMPLE_COUNTS.containsKey(s), s);
        }
    }

    @Test
    void v1SectionsAreWeightedByExampleCounts() {
        RewardAccuracy acc = new RewardAccuracy();
        acc.addScores("math-prm", 1, 0);
        acc.addScores("hep-python", 1, 0);
        acc.addScores("hep-python", 0, 1);
        // math-prm 1.0 at 984, hep-python 0.5 at 164: not the 2-to-1 of the pair counts.
        assertEquals((984 + 82.0) / 1148, acc.sections(RewardBench.V1_SECTIONS, RewardBench.V1_EXAMPLE_COUNTS).get("Reasoning"), 1e-12);
        assertEquals(2.0 / 3, acc.sections(RewardBench.V1_SECTIONS, null).get("Reasoning"), 1e-12);
    }

    @Test
    void bestOfFourPenalizesTies() {
        assertEquals(1.0, RewardBench.bestOf(new double[] {0.9, 0.1, 0.2, 0.3}));
        assertEquals(0.0, RewardBench.bestOf(new double[] {0.1, 0.9, 0.2, 0.3}));
        assertEquals(0.5, RewardBench.bestOf(new double[] {0.5, 0.5, 0.1, 0.2}));
        assertEquals(0.25, RewardBench.bestOf(new double[] {1, 1, 1, 1}));
    }

    @Test
    void tiesIsScoredAsProcessSingleModel() {
        // Prompt 1: ref accurate (5 > 2; margin 3); tied accurate (worst correct 4 > best incorrect 1), spread 6 - 4 = 2, margin 3.
        // Prompt 2: ref not accurate (margin 1 - 3 = -2); tied not accurate (2 < 3), spread 3, margin -1.
        List<RewardBench.TiesRow> rows = List.of(
                RewardBench.TiesRow.of("ref:1", new double[] {5, 1, 2}, 1),
                RewardBench.TiesRow.of("tied:1", new double[] {5, 4, 6, 0, 1}, 3),
                RewardBench.TiesRow.of("ref:2", new double[] {1, 3}, 1),
                RewardBench.TiesRow.of("tied:2", new double[] {2, 5, 3}, 2));
        // accuracy 0.5 each; prompt 1: margin 3 > spread 2, min(3, 3) > 2; prompt 2 neither: both shares 0.5;
        // margin score: mean of tanh(3/2 - 1) and tanh(-2/3 - 1).
        double expected = 0.3 * 0.5 + 0.3 * 0.5 + 0.2 * 0.5 + 0.2 * 0.5 + 0.01 * (Math.tanh(0.5) + Math.tanh(-5.0 / 3)) / 2;
        assertEquals(expected, RewardBench.ties(rows), 1e-12);
        // A tied row alone has no prompt to compare with: only its accuracy counts.
        assertEquals(0.3, RewardBench.ties(List.of(RewardBench.TiesRow.of("tied:7", new double[] {3, 2, 1}, 2))), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> RewardBench.TiesRow.of("x-1", new double[] {1, 0}, 1));
    }

    @Test
    void reportsTheMissingAndTheUnmapped() {
        RewardAccuracy acc = new RewardAccuracy();
        acc.addScores("donotanswer", 1, 0);
        acc.addScores("anthropic_helpful", 1, 0);
        Map<String, Object> r = acc.report(RewardBench.V1_SECTIONS, RewardBench.V1_EXAMPLE_COUNTS);
        assertEquals(List.of("Chat", "Chat Hard", "Reasoning"), r.get("missing_sections"));
        assertEquals(List.of("anthropic_helpful"), r.get("unmapped_subsets"));
        assertEquals(1.0, (Double) r.get("overall"), 1e-12);
    }
}
