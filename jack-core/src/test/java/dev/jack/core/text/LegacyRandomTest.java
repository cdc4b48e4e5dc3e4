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

    @Test
    void boundedByReciprocalIsNextInt() {
        Random bounds = new Random(5);
        for (int k = 0; k < 2_000; k++) {
            int bound = switch (k % 4) {
                case 0 -> 1 + k;
                case 1 -> 1 << (k % 31);
                case 2 -> Integer.MAX_VALUE - k;
                default -> 1 + bounds.nextInt(Integer.MAX_VALUE);
            };
            LegacyRandom expected = new LegacyRandom(k);
            LegacyRandom actual = new LegacyRandom(k);
            long reciprocal = LegacyRandom.reciprocal(bound);
            for (int i = 0; i < 200; i++) assertEquals(expected.nextInt(bound), actual.nextInt(bound, reciprocal), "bound " + bound);
        }
    }
}
