package dev.jack.pipeline;

import dev.jack.core.OptionException;

/**
 * A range of whole numbers written {@code MIN-MAX} ({@code 1-6}), or one number for both ends ({@code 3}): constraints
 * per prompt, a tree-search step's token window, a judge's score scale.
 */
public record IntRange(int min, int max) {
    /** What {@link #parse} accepts, for messages. */
    public static final String EXPECTED = "a number or a range MIN-MAX such as 1-6";

    /** The range a text names. @throws IllegalArgumentException naming what was expected */
    public static IntRange parse(String text) {
        try {
            String[] parts = text.split("-", -1);
            if (parts.length > 2) throw new NumberFormatException();
            int lo = Integer.parseInt(parts[0].strip());
            int hi = parts.length == 1 ? lo : Integer.parseInt(parts[1].strip());
            return new IntRange(lo, hi);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + EXPECTED + ", got \"" + text + "\"");
        }
    }

    /** Checks that min <= max and both are at least {@code floor}; the key names the option in the message. */
    public IntRange check(String key, int floor) {
        if (min < floor || max < min) {
            throw new OptionException(key, "expected MIN-MAX with " + floor + " <= MIN <= MAX, got " + this);
        }
        return this;
    }

    @Override
    public String toString() {
        return min + "-" + max;
    }
}
