package dev.jack.llm;

import java.util.concurrent.CompletableFuture;

/**
 * A source of completions. Callers submit many requests at once; the backend bounds how many are in
 * flight and completes each future with the result, or exceptionally with {@link GenerationException}
 * once it has given up on that request.
 */
public sealed interface Backend extends AutoCloseable permits EmbeddedBackend, OpenAiBackend, ScriptedBackend {
    /** The model this backend serves. */
    String model();

    CompletableFuture<GenerationResult> generate(GenerationRequest request);

    @Override
    void close();
}
