package dev.jack.core.json;

/** Malformed JSON, with the character offset where parsing failed. */
public final class JsonException extends RuntimeException {
    private final int offset;

    public JsonException(String message, int offset) {
        this(message, offset, true);
    }

    /** {@code stackTrace} false: an exception that only answers whether a text parses goes without its trace. */
    JsonException(String message, int offset, boolean stackTrace) {
        super(message + " at character " + (offset + 1), null, true, stackTrace);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
