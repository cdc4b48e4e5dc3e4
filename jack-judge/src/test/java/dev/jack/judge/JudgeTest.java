package dev.jack.judge;

import dev.jack.llm.ScriptedBackend;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JudgeTest {
    @Test
    void scoresAreReadFromTheLastStatement() {
        assertEquals(OptionalDouble.of(4), Scores.parse("Good overall.\nScore: 4/5", 1, 5));
        assertEquals(OptionalDouble.of(3.5), Scores.parse("**Score:** 3.5/5", 1, 5));
        assertEquals(OptionalDouble.of(2), Scores.parse("Score: 5/5 at first glance... Final score = 2", 1, 5));
        assertEquals(OptionalDouble.empty(), Scores.parse("Score: 7/5", 1, 5), "out of range");
        assertEquals(OptionalDouble.empty(), Scores.parse("Score: 4/10", 1, 5), "another scale");
        assertEquals(OptionalDouble.empty(), Scores.parse("I would give it four.", 1, 5));
        Random random = new Random(1);
        String alphabet = "Score:/ 0123456789.-*_\nabc";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(30); k > 0; k--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            OptionalDouble s = Scores.parse(b.toString(), 1, 5);
            assertTrue(s.isEmpty() || (s.getAsDouble() >= 1 && s.getAsDouble() <= 5), b.toString());
        }
    }

    @Test
    void correlationsMatchHandComputedValues() {
        double[] x = {1, 2, 2, 3};
        double[] y = {1, 3, 2, 4};
        assertEquals(4.5 / Math.sqrt(22.5), Correlation.spearman(x, y), 1e-12);
        assertEquals(5 / Math.sqrt(30), Correlation.kendall(x, y), 1e-12);
        assertEquals(1.0, Correlation.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 6}), 1e-12);
        assertEquals(-1.0, Correlation.kendall(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
        // Pearson by hand: x = 1,2,3,4; y = 2,1,4,3 → sxy = 3, sxx = syy = 5 → 0.6.
        assertEquals(0.6, Correlation.pearson(new double[] {1, 2, 3, 4}, new double[] {2, 1, 4, 3}), 1e-12);
        assertTrue(Double.isNaN(Correlation.pearson(new double[] {1, 1}, new double[] {1, 2})));
    }

    @Test
    void rewardAccuracyBySubsetSectionAndOverall() {
        RewardAccuracy acc = new RewardAccuracy();
        acc.addScores("easy", 2, 1);
        acc.addScores("easy", 1, 1); // a tie is wrong
        acc.addScores("easy", 3, 0);
        acc.addScores("hard", 0, 1);
        acc.add("refusals", 0.5);
        acc.add("refusals", 1);
        Map<String, List<String>> sections = Map.of("chat", List.of("easy", "hard"), "safety", List.of("refusals"));
        assertEquals(2.0 / 3, acc.subsets().get("easy"), 1e-12);
        assertEquals(0.5, acc.sections(sections, null).get("chat"), 1e-12, "example-weighted: 2 of 4");
        assertEquals(0.75, acc.sections(sections, null).get("safety"), 1e-12);
        assertEquals(0.625, (Double) acc.report(sections, null).get("overall"), 1e-12, "mean of sections");
        // Given counts weigh the subsets instead: easy 2/3 at weight 1, hard 0 at weight 3.
        assertEquals(2.0 / 3 / 4, acc.sections(sections, Map.of("easy", 1, "hard", 3)).get("chat"), 1e-12);
    }

    @Test
    void pointwiseCritiquesAreAggregated() {
        String[] answers = {"Clear and correct.\nScore: 4/5", "Misses a step.\nScore: 2/5", "No verdict here."};
        ScriptedBackend judge = new ScriptedBackend("j", (r, i) -> answers[i]);
        CritiqueJudge j = new CritiqueJudge(judge, new Templates(null), 1, 5, 1.0, 256);
        CritiqueJudge.Judgement mean = j.pointwise("Q", "A", 3, 1, CritiqueJudge.Aggregate.MEAN);
        assertEquals(3, mean.critiques().size());
        assertEquals(OptionalDouble.of(3), mean.score());
        assertFalse(mean.critiques().get(2).score().isPresent());
        assertEquals(OptionalDouble.of(2), j.pointwise("Q", "A", 3, 1, CritiqueJudge.Aggregate.MAJORITY).score(), "a tie goes to the lower score");
    }

    @Test
    void pairwiseJudgingRandomizesOrderAndCancelsPositionBias() {
        // A judge that prefers whichever response mentions "good".
        ScriptedBackend fair = new ScriptedBackend("j", (r, i) -> {
            String text = ScriptedBackend.lastText(r);
            String a = text.substring(text.indexOf("[Response A]"), text.indexOf("[Response B]"));
            return a.contains("good") ? "A is better.\nVerdict: A" : "Verdict: B";
        });
        CritiqueJudge j = new CritiqueJudge(fair, new Templates(null), 1, 5, 0.0, 256);
        for (long seed = 0; seed < 10; seed++) {
            assertEquals(1.0, j.pairwise("Q", "a good answer", "a bad answer", seed, false).outcome());
            assertEquals(0.0, j.pairwise("Q", "a bad answer", "a good answer", seed, true).outcome());
        }
        // A judge that always says A: both orders average to a tie.
        CritiqueJudge biased = new CritiqueJudge(new ScriptedBackend("j", (r, i) -> "Verdict: A"), new Templates(null), 1, 5, 0.0, 256);
        assertEquals(0.5, biased.pairwise("Q", "x", "y", 3, true).outcome());
        CritiqueJudge mute = new CritiqueJudge(new ScriptedBackend("j", (r, i) -> "Hard to say."), new Templates(null), 1, 5, 0.0, 256);
        assertEquals(0.5, mute.pairwise("Q", "x", "y", 3, false).outcome(), "unreadable counts as a tie");
        assertEquals(1, mute.pairwise("Q", "x", "y", 3, false).unreadable(), "and is counted");
    }
}
