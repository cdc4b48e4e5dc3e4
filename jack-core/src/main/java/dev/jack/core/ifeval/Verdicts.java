package dev.jack.core.ifeval;

import java.util.List;

/** Strict and loose verdicts for each constraint of one prompt, in the prompt's order. */
public record Verdicts(List<Boolean> strict, List<Boolean> loose) {
    public boolean allStrict() {
        return !strict.contains(false);
    }

    public boolean allLoose() {
        return !loose.contains(false);
    }
}
