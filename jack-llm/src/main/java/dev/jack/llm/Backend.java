package dev.jack.llm;

import java.util.concurrent.CompletableFuture;

/**
 * A source of completions. Callers submit many requests at once; the backend bounds how many are in
 * flight and completes each future with the result, or exceptionally with {@link GenerationException}
 * once it has given up on that request.
 *
 * <p>The interface is open: Jack ships {@link OpenAiBackend} (any OpenAI-compatible server), {@link OpenAiFleet}
 * (several such servers as one) and {@link EmbeddedBackend} (its own engine), and a library user may add another (a
 * batch API, a recorded replay, another engine) by implementing these three methods (and {@link #retries()} where it
 * retries).
 */
public interface Backend extends AutoCloseable {
    /** The model this backend serves. */
    String model();

    CompletableFuture<GenerationResult> generate(GenerationRequest request);

    /** How many attempts were repeated so far (0 for a backend that does not retry). */
    default long retries() {
        return 0;
    }

    @Override
    void close();
}
