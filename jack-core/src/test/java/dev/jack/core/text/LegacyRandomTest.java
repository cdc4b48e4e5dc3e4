package dev.jack.core.text;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LegacyRandomTest {
    @Test
    void sameSequenceAsJavaUtilRandom() {
        for (long seed : new long[] {0, 1, -7, 123456789L, Long.MAX_VALUE}) {
            Random expected = new Random(seed);
            LegacyRandom actual = new LegacyRandom(seed);
            for (int i = 0; i < 20_000; i++) {
                switch (i % 4) {
                    case 0 -> assertEquals(expected.nextGaussian(), actual.nextGaussian());
                    case 1 -> assertEquals(expected.nextInt(1 + i % 977), actual.nextInt(1 + i % 977));
                    case 2 -> assertEquals(expected.nextInt(1024), actual.nextInt(1024));
                    default -> assertEquals(expected.nextDouble(), actual.nextDouble());
                }
            }
        }
    }
}
