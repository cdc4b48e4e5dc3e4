package dev.jack.judge;

import dev.jack.llm.GenerationResult.Alternative;
import dev.jack.llm.GenerationResult.TokenLogprob;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerdictProbabilityTest {
    private static TokenLogprob t(String token, double lp, Alternative... top) {
        return new TokenLogprob(token, null, lp, List.of(top));
    }

    @Test
    void readsTheVerdictsShareAfterScore() {
        List<TokenLogprob> tokens = List.of(t("Good", -0.1), t(" work", -0.2), t(".\n", -0.1), t("Score", -0.01), t(":", -0.01),
                t(" 8", Math.log(0.6), new Alternative(" 8", null, Math.log(0.6)), new Alternative(" 7", null, Math.log(0.3))), t("/10", -0.01));
        assertEquals(0.6, VerdictProbability.probabilityAfterScore(tokens, 8), 1e-12);
        assertEquals(0.3, VerdictProbability.probabilityAfterScore(tokens, 7), 1e-12);
        assertEquals(0.0, VerdictProbability.probabilityAfterScore(tokens, 3), 1e-12, "not among the top alternatives");
        assertTrue(Double.isNaN(VerdictProbability.probabilityAfterScore(tokens.subList(0, 3), 8)), "no score stated: unreadable");
    }
}
