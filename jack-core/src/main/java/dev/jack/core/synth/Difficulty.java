package dev.jack.core.synth;

/**
 * Named difficulty tiers: how many constraints a prompt gets and whether easy or hard constraints are
 * preferred (by {@link Hardness}). MIXED draws one of the three tiers per prompt.
 */
public enum Difficulty {
    EASY(1, 2), MODERATE(2, 4), HARD(4, 6), MIXED(1, 6);

    final int minConstraints;
    final int maxConstraints;

    Difficulty(int minConstraints, int maxConstraints) {
        this.minConstraints = minConstraints;
        this.maxConstraints = maxConstraints;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Weight for choosing a constraint of the given hardness in this tier. */
    double weight(double hardness) {
        return switch (this) {
            case EASY -> 1.05 - hardness;
            case MODERATE, MIXED -> 1.0;
            case HARD -> 0.05 + hardness;
        };
    }

    public static Difficulty parse(String s) {
        for (Difficulty d : values()) if (d.label().equals(s)) return d;
        throw new IllegalArgumentException("difficulty must be easy, moderate, hard or mixed, got \"" + s + "\"");
    }
}
