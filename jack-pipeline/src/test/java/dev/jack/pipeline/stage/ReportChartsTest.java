package dev.jack.pipeline.stage;

import dev.jack.core.data.CurationStats;
import dev.jack.core.data.PreferencePair;
import dev.jack.core.data.Sample;
import dev.jack.core.data.ScoredSample;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The report's numbers, checked on numbers: denominators, bins, labels, costs and what an empty chart says. */
class ReportChartsTest {
    private static PreferencePair pair(long key, double chosen, double rejected, int prefixTokens, Long calls) {
        return new PreferencePair(null, "p", "c", "r", key, null, chosen, rejected, null, null, null, null, "high", "rs", 0, 0, prefixTokens,
                null, null, null, calls, calls == null ? null : 10 * calls, Map.of());
    }

    /** Prompts 1..10, tiers easy (1-4), moderate (5-7), hard (8-10). */
    private static List<PromptTier> prompts() {
        List<PromptTier> p = new ArrayList<>();
        for (long k = 1; k <= 10; k++) p.add(new PromptTier(k, k <= 4 ? "easy" : k <= 7 ? "moderate" : "hard"));
        return p;
    }

    @Test
    void pairsPerPromptDivideByThePromptsEachMethodWorkedOn() {
        CurationStats searchedFour = CurationStats.mcts("lean", null, 4, 2, 1, 2, 40, 4000, null);
        ReportCharts.Run mcts = ReportCharts.run("mcts.jsonl", List.of(pair(1, 1, 0, 8, 9L), pair(2, 1, 0, 0, 9L), pair(2, 1, 0.5, 16, 9L)),
                searchedFour, prompts());
        ReportCharts.Run rs = ReportCharts.run("rs.jsonl", List.of(pair(1, 1, 0, 0, 8L), pair(5, 1, 0, 0, 8L), pair(9, 0.5, 0, 0, 8L)), null, prompts());
        assertEquals(4, mcts.prompts(), "--limit 4: the first four prompts, as its stats say");
        assertEquals(10, rs.prompts(), "no stats: every prompt of the file");
        assertEquals(0.75, mcts.pairsPerPrompt());

        ReportCharts.Chart chart = ReportCharts.difficulty(List.of(rs, mcts), prompts());
        assertEquals(List.of("easy", "moderate", "hard"), chart.labels());
        assertEquals(Arrays.asList(0.25, 1.0 / 3, 1.0 / 3), chart.series().get(0).values(), "rs: 1 of 4 easy, 1 of 3 moderate, 1 of 3 hard");
        assertEquals(Arrays.asList(0.75, null, null), chart.series().get(1).values(), "mcts: 3 pairs over the 4 easy prompts it searched; none of the others");
        assertEquals("3 pairs / 4 prompts", chart.series().get(1).details().get(0));
        assertEquals(4, chart.series().get(1).n());
    }

    @Test
    void binsAreLabelledByTheirRangeAndCountTheirShare() {
        ReportCharts.Run run = ReportCharts.run("rs.jsonl", List.of(pair(1, 1.0, 0.0, 0, null), pair(2, 0.5, 0.4, 0, null),
                pair(3, 0.25, 0.15, 17, null), pair(4, 1.0, 0.9, 40, null)), null, List.of());
        ReportCharts.Chart rewards = ReportCharts.rewards(List.of(run), List.of());
        assertEquals("[0.0, 0.1)", rewards.labels().getFirst());
        assertEquals("1.0", rewards.labels().getLast());
        assertEquals(0.5, rewards.series().get(0).values().get(10), "two of four chosen responses at exactly 1.0");
        assertEquals(0.25, rewards.series().get(1).values().get(4), "rejected 0.4 in [0.4, 0.5)");

        ReportCharts.Chart contrast = ReportCharts.contrast(List.of(run));
        assertEquals("(0.0, 0.1]", contrast.labels().getFirst());
        assertEquals(0.75, contrast.series().getFirst().values().get(0), "gaps of 0.1 (three of them, in floating point) fall in (0.0, 0.1]");
        assertEquals(0.25, contrast.series().getFirst().values().get(9), "a gap of 1 falls in (0.9, 1.0]");

        ReportCharts.Chart prefix = ReportCharts.prefix(List.of(run));
        assertEquals(List.of("0", "1–16", "17–32", "33–48"), prefix.labels());
        assertEquals(Arrays.asList(0.5, 0.0, 0.25, 0.25), prefix.series().getFirst().values());
        assertEquals(4, prefix.series().getFirst().n());
    }

    @Test
    void passRatesKeepTheFullIdAndTheChecksBehindThem() {
        Sample s = new Sample(1, 0L, "p", "r", null, "stop", null, null, null, null, null, null, null, Map.of());
        List<ScoredSample> scored = List.of(
                new ScoredSample(s, List.of(), List.of("keywords:frequency", "punctuation:no_comma"), List.of(true, false), List.of(true, true), 0.5, 1.0, 0.5),
                new ScoredSample(s, List.of(), List.of("keywords:frequency"), List.of(false), List.of(false), 0.0, 0.0, 0.0));
        ReportCharts.Chart chart = ReportCharts.passRates(scored);
        assertEquals(List.of("keywords:frequency (n=2)", "punctuation:no_comma (n=1)"), chart.labels());
        assertEquals(List.of(0.5, 0.0), chart.series().get(0).values());
        assertEquals(List.of(0.5, 1.0), chart.series().get(1).values());
        assertEquals("1 of 2 passed", chart.series().get(0).details().get(0));
    }

    @Test
    void costsComeFromTheStatsOrThePairsAndEmptyChartsSayWhy() {
        ReportCharts.Run fromRows = ReportCharts.run("rs.jsonl", List.of(pair(1, 1, 0, 0, 8L), pair(1, 1, 0.5, 0, 8L), pair(2, 1, 0, 0, 8L)),
                null, List.of());
        assertEquals(16.0 / 3, fromRows.callsPerPair(), 1e-12, "8 calls for each of two prompts, over three pairs");
        ReportCharts.Run none = ReportCharts.run("none.jsonl", List.of(), CurationStats.rs("high", 5, 5, 0, 40, 400, null), List.of());
        assertNull(none.callsPerPair());
        assertEquals("no pairs, so no cost per pair", ReportCharts.cost(List.of(none)).empty());
        assertEquals("rs", none.method());
        assertEquals(5, none.prompts());
    }
}
