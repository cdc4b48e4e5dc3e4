package dev.jack.core;

/**
 * An option with a value it does not accept. The key is the option's config name ({@code max_tokens}); the command
 * line shows it as its flag ({@code --max-tokens}), {@code jack run} as {@code file:line: section.key} of its config.
 */
public final class OptionException extends UserException {
    private final String key;
    private final String detail;

    /** @param detail what was wrong, e.g. {@code expected a whole number >= 1, got 0} */
    public OptionException(String key, String detail) {
        super("--" + key.replace('_', '-') + ": " + detail);
        this.key = key;
        this.detail = detail;
    }

    public String key() {
        return key;
    }

    public String detail() {
        return detail;
    }
}
