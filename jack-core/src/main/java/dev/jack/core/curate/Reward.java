package dev.jack.core.curate;

import dev.jack.core.ifeval.Verdicts;

import java.util.List;

/** How per-constraint verdicts become one reward in [0, 1]. */
public enum Reward {
    STRICT, LOOSE, MEAN;

    public static Reward parse(String s) {
        return switch (s) {
            case "strict" -> STRICT;
            case "loose" -> LOOSE;
            case "mean" -> MEAN;
            default -> throw new IllegalArgumentException("reward must be strict, loose or mean, got \"" + s + "\"");
        };
    }

    /** The fraction of constraints followed (or, all or nothing, 1 only when every one is). */
    public double of(Verdicts v, boolean allOrNothing) {
        return switch (this) {
            case STRICT -> fraction(v.strict(), allOrNothing);
            case LOOSE -> fraction(v.loose(), allOrNothing);
            case MEAN -> (fraction(v.strict(), allOrNothing) + fraction(v.loose(), allOrNothing)) / 2;
        };
    }

    static double fraction(List<Boolean> followed, boolean allOrNothing) {
        if (followed.isEmpty()) return 1;
        int n = 0;
        for (Boolean b : followed) if (b) n++;
        if (allOrNothing) return n == followed.size() ? 1 : 0;
        return (double) n / followed.size();
    }
}
