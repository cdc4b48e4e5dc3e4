package dev.jack.core.synth;

import java.util.Locale;

/**
 * Difficulty tiers by measured pass rate: a prompt whose pass@1 is below {@code hardBelow} is hard, one at or above
 * {@code easyFrom} is easy, the rest moderate. Written {@code HARD_BELOW,EASY_FROM}, e.g. {@code 0.3,0.7} (the
 * default), both in [0, 1] with the first at most the second.
 */
public record DifficultyThresholds(double hardBelow, double easyFrom) {
    public static final DifficultyThresholds DEFAULT = new DifficultyThresholds(0.3, 0.7);
    public static final String EXPECTED = "two pass rates HARD_BELOW,EASY_FROM such as 0.3,0.7 (0 <= HARD_BELOW <= EASY_FROM <= 1)";

    public DifficultyThresholds {
        if (!(hardBelow >= 0 && hardBelow <= easyFrom && easyFrom <= 1)) throw new IllegalArgumentException("expected " + EXPECTED + ", got " + toText(hardBelow, easyFrom));
    }

    /**
     * Parses {@code HARD_BELOW,EASY_FROM}.
     *
     * @throws IllegalArgumentException saying what is expected
     */
    public static DifficultyThresholds parse(String text) {
        String[] parts = text.split(",", -1);
        try {
            if (parts.length == 2) return new DifficultyThresholds(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()));
        } catch (IllegalArgumentException e) {
            // Not numbers, or not in order: reported below with the text as given.
        }
        throw new IllegalArgumentException("expected " + EXPECTED + ", got \"" + text + "\"");
    }

    /** The tier of a pass rate in [0, 1]: {@link Difficulty#EASY}, {@link Difficulty#MODERATE} or {@link Difficulty#HARD}. */
    public Difficulty tierOf(double passRate) {
        if (passRate < hardBelow) return Difficulty.HARD;
        return passRate >= easyFrom ? Difficulty.EASY : Difficulty.MODERATE;
    }

    /** As written: {@code 0.3,0.7}. */
    public String text() {
        return toText(hardBelow, easyFrom);
    }

    private static String toText(double hardBelow, double easyFrom) {
        return String.format(Locale.ROOT, "%s,%s", hardBelow, easyFrom);
    }
}
