package dev.jack.llm;

/** A request that failed for good: after its last attempt, or with an error not worth retrying. */
public final class GenerationException extends RuntimeException {
    private final int attempts;

    public GenerationException(String message, int attempts) {
        super(message);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
