package dev.jack.core.json;

/** Malformed JSON, with the character offset where parsing failed. */
public final class JsonException extends RuntimeException {
    private final int offset;

    public JsonException(String message, int offset) {
        super(message + " at character " + (offset + 1));
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
