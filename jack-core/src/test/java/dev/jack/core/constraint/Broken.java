package dev.jack.core.constraint;

import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;

/**
 * A constraint with bugs, for tests that one bad constraint never stops a run: its checker throws on every response
 * ({@code "bug on N chars"}), unless built with {@code checkerWorks}, when it is followed by everything; its edit code
 * always throws. Registered (as {@code test:broken}, checker throwing) by {@link #register}.
 */
public record Broken(boolean checkerWorks) implements Constraint {
    public static final ConstraintType<Broken> TYPE = ConstraintType.builder("test:broken", k -> new Broken(false)).example(new Broken(false)).build();

    /** Adds {@code test:broken} to the registry once. */
    public static void register() {
        synchronized (Broken.class) {
            if (!ConstraintRegistry.isKnown(TYPE.id())) ConstraintRegistry.register("test", List.of(TYPE));
        }
    }

    @Override
    public ConstraintType<?> type() {
        return TYPE;
    }

    @Override
    public String description() {
        return checkerWorks ? "followed by everything, but its edits throw" : "a checker that throws";
    }

    @Override
    public boolean isFollowedBy(String response, TextTools text) {
        if (checkerWorks) return true;
        throw new IllegalStateException("bug on " + response.length() + " chars");
    }

    @Override
    public List<Edit> breaks(String response, TextTools text) {
        throw new IllegalStateException("bug in its edits");
    }

    @Override
    public Map<String, Object> kwargs() {
        return Map.of();
    }
}
