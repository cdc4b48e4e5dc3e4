package dev.jack.judge;

import dev.jack.llm.ScriptedBackend;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CritiqueSetTest {
    private static CritiqueJudge.Critique c(String text, Double score) {
        return new CritiqueJudge.Critique(text, score == null ? OptionalDouble.empty() : OptionalDouble.of(score));
    }

    @Test
    void onlyCritiquesThatAgreeWithThePreferenceAreKept() {
        List<CritiqueSet.Row> rows = CritiqueSet.consistent("p1", "Q", "good answer", "bad answer",
                List.of(c("solid", 4.0), c("harsh", 2.0), c("no score", null)),
                List.of(c("weak", 1.0), c("generous", 5.0)));
        // Chosen mean 3, rejected mean 3: keep chosen critiques above 3 and rejected ones below 3.
        assertEquals(List.of("solid", "weak"), rows.stream().map(CritiqueSet.Row::critique).toList());
        assertEquals(List.of("chosen", "rejected"), rows.stream().map(CritiqueSet.Row::side).toList());
        assertTrue(CritiqueSet.consistent("p2", "Q", "a", "b", List.of(c("x", 1.0)), List.of(c("y", 5.0))).isEmpty(),
                "nothing agrees, so the item is dropped");
    }

    @Test
    void topKFollowsTheLlmsRankingOrFallsBackToTheGivenOrder() {
        List<CritiqueSet.Row> rows = new ArrayList<>();
        for (int i = 1; i <= 3; i++) rows.add(new CritiqueSet.Row("p", "chosen", "Q", "R", "critique " + i, i));
        ScriptedBackend ranker = new ScriptedBackend("r", (req, i) -> "Thinking...\nRanking: 3, 1, 2");
        assertEquals(List.of("critique 3", "critique 1"), CritiqueSet.topK(ranker, new Templates(null), rows, 2, 1, 1024).stream().map(CritiqueSet.Row::critique).toList());
        ScriptedBackend confused = new ScriptedBackend("r", (req, i) -> "Ranking: 3, 3, 1");
        assertEquals(List.of("critique 1", "critique 2"), CritiqueSet.topK(confused, new Templates(null), rows, 2, 1, 1024).stream().map(CritiqueSet.Row::critique).toList());
        assertNull(CritiqueSet.readRanking("Ranking: 1, 2", 3), "every critique must be named");
    }

    @Test
    void mergingMakesOneScoredCritique() {
        List<CritiqueSet.Row> rows = List.of(new CritiqueSet.Row("p", "chosen", "Q", "R", "a", 4), new CritiqueSet.Row("p", "chosen", "Q", "R", "b", 5));
        ScriptedBackend merger = new ScriptedBackend("m", (req, i) -> "Accurate and complete.\nScore: 4/5");
        CritiqueSet.Row merged = CritiqueSet.merge(merger, new Templates(null), rows, 1, 5, 1, 1024).orElseThrow();
        assertEquals(4, merged.score());
        assertTrue(merged.critique().startsWith("Accurate"));
        assertTrue(CritiqueSet.merge(new ScriptedBackend("m", (req, i) -> "no score"), new Templates(null), rows, 1, 5, 1, 1024).isEmpty());
    }

    @Test
    void comprehensivenessAndSufficiencyByHand() {
        String response = "The plan is excellent and the budget is clear.";
        String critique = "The response says \"plan is excellent\" which earns a high score.";
        List<String> evidence = RationaleMetrics.evidence(critique, response);
        assertEquals(List.of("plan is excellent"), evidence);
        // p(verdict) = 0.9 when the text mentions "excellent", else 0.3.
        java.util.function.ToDoubleFunction<String> p = t -> t.contains("excellent") ? 0.9 : 0.3;
        assertEquals(0.6, RationaleMetrics.comprehensiveness(p, response, evidence), 1e-12);
        assertEquals(0.0, RationaleMetrics.sufficiency(p, response, evidence), 1e-12);
    }

    @Test
    void lasRewardsCritiquesThatExplainButSeparatesLeakage() {
        List<RationaleMetrics.Example> telling = new ArrayList<>();
        List<RationaleMetrics.Example> empty = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String label = i % 2 == 0 ? "good" : "bad";
            telling.add(new RationaleMetrics.Example("same text", "clearly " + label, label));
            empty.add(new RationaleMetrics.Example("same text", "some words", label));
        }
        // Telling critiques: all leak; with them 10/10 right, without 5/10 (ties go to "bad") → 0.5.
        assertEquals(0.5, RationaleMetrics.leakageAdjustedSimulatability(telling, 5), 1e-12);
        // Empty critiques add nothing in either group → 0.
        assertEquals(0.0, RationaleMetrics.leakageAdjustedSimulatability(empty, 5), 1e-12);
    }
}
