package dev.jack.core.synth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Tiers by pass rate: below the first threshold hard, from the second on easy; bad thresholds say what is expected. */
class DifficultyThresholdsTest {
    @Test
    void theBoundariesBelongToTheEasierTier() {
        DifficultyThresholds t = DifficultyThresholds.parse("0.3, 0.7");
        assertEquals(Difficulty.HARD, t.tierOf(0.29));
        assertEquals(Difficulty.MODERATE, t.tierOf(0.3));
        assertEquals(Difficulty.MODERATE, t.tierOf(0.69));
        assertEquals(Difficulty.EASY, t.tierOf(0.7));
        assertEquals(Difficulty.HARD, DifficultyThresholds.parse("0.5,0.5").tierOf(0.49));
        assertEquals(Difficulty.EASY, DifficultyThresholds.parse("0.5,0.5").tierOf(0.5));
        assertEquals("0.3,0.7", t.text());
    }

    @Test
    void badThresholdsSayWhatIsExpected() {
        for (String bad : new String[] {"0.7,0.3", "0.3", "a,b", "-0.1,0.5", "0.2,1.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DifficultyThresholds.parse(bad));
            assertEquals("expected " + DifficultyThresholds.EXPECTED + ", got \"" + bad + "\"", e.getMessage());
        }
    }
}
