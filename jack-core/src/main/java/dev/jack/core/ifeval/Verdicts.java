package dev.jack.core.ifeval;

import java.util.List;

/**
 * Strict and loose verdicts for each constraint of one prompt, in the prompt's order, and the checks that failed to
 * run: a checker that throws on a response (a bug, or a response no checker was written for) counts as not followed
 * in both lists, and {@code errors} says which and why ({@code "ID: StackOverflowError"}), so that one response can
 * never stop a run.
 *
 * @throws IllegalArgumentException when {@code strict} and {@code loose} differ in length (one verdict of each per
 *     constraint)
 */
public record Verdicts(List<Boolean> strict, List<Boolean> loose, List<String> errors) {
    public Verdicts {
        if (strict.size() != loose.size()) {
            throw new IllegalArgumentException(strict.size() + " strict verdicts against " + loose.size() + " loose ones");
        }
        strict = List.copyOf(strict);
        loose = List.copyOf(loose);
        errors = List.copyOf(errors);
    }

    /** Verdicts of checks that all ran. */
    public Verdicts(List<Boolean> strict, List<Boolean> loose) {
        this(strict, loose, List.of());
    }

    public boolean allStrict() {
        return !strict.contains(false);
    }

    public boolean allLoose() {
        return !loose.contains(false);
    }
}
