package dev.jack.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The spelling of closed choices (an enum's constants) on the command line, in config files and in output files:
 * the constant's name in lower case ({@code Contrast.HIGH} is {@code high}).
 */
public final class Choices {
    private Choices() {}

    /** The choice as it is written: the constant's name in lower case. */
    public static String label(Enum<?> choice) {
        return choice.name().toLowerCase(Locale.ROOT);
    }

    /** The labels of every constant, comma-separated, in declaration order ("high, low, mixed"). */
    public static String labels(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Choices::label).collect(Collectors.joining(", "));
    }

    /**
     * The constant whose label is {@code text}.
     *
     * @throws IllegalArgumentException "expected one of high, low, mixed, got \"x\"" when there is none
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) if (label(e).equals(text)) return e;
        throw new IllegalArgumentException("expected one of " + labels(type) + ", got \"" + text + "\"");
    }
}
