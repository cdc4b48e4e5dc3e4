package dev.jack.cli;

import dev.jack.pipeline.ModelOptions;
import picocli.CommandLine.Option;

/**
 * The flags that pick the model, shared by the commands that call one: an OpenAI-compatible server, or Jack's
 * embedded engine on a local GGUF file ({@code --backend embedded --model FILE.gguf}). See {@link ModelOptions}.
 */
final class ModelFlags {
    @Option(names = "--backend", paramLabel = "URL[,URL...]", description = "Server base URL with its scheme, e.g. http://127.0.0.1:8000 (/v1 is added), "
            + "several separated by commas (servers of the same model: requests spread over them), or 'embedded' for Jack's own engine.")
    String backend;

    @Option(names = "--model", description = "Model name, checked against /v1/models; with --backend embedded, a GGUF file, hf://OWNER/REPO/FILE.gguf or 'tiny' (random weights, noise).")
    String model;

    @Option(names = "--concurrency", defaultValue = "64", description = "Requests in flight per server (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--max-attempts", defaultValue = "6", description = "Attempts per request (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--timeout", defaultValue = "300", description = "Seconds per request (default: ${DEFAULT-VALUE}).")
    double timeout;

    @Option(names = "--api-key-env", defaultValue = "OPENAI_API_KEY", description = "Environment variable holding the API key (default: ${DEFAULT-VALUE}).")
    String apiKeyEnv;

    @Option(names = "--no-model-check", description = "Skip the /v1/models check.")
    boolean noModelCheck;

    @Option(names = "--stream", description = "Ask the server to stream its answers (server-sent events), so that a server that stops sending is noticed after --idle-timeout instead of --timeout.")
    boolean stream;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "With --stream: seconds without a byte from the server after which an attempt fails and is retried (default: 60).")
    Double idleTimeout;

    ModelOptions options() {
        return new ModelOptions(backend, model, apiKeyEnv, concurrency, timeout, maxAttempts, noModelCheck, stream, idleTimeout);
    }
}
