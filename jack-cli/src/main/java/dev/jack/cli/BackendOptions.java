package dev.jack.cli;

import dev.jack.llm.Backend;
import dev.jack.llm.EmbeddedBackend;
import dev.jack.llm.GenerationException;
import dev.jack.llm.OpenAiBackend;
import dev.jack.llm.OpenAiFleet;
import dev.jack.llm.engine.GgufFile;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The options that pick the model: an OpenAI-compatible server, or Jack's embedded engine on a local GGUF file
 * ({@code --backend embedded --model FILE.gguf}). Shared by the commands that call a model.
 */
final class BackendOptions {
    @Option(names = "--backend", paramLabel = "URL[,URL...]", description = "Server base URL, e.g. http://127.0.0.1:8000 (/v1 is added), "
            + "several separated by commas (a fleet serving the same model: requests spread over them), or 'embedded' for Jack's own engine.")
    String backend;

    @Option(names = "--model", description = "Model name, checked against /v1/models; with --backend embedded, a GGUF file or 'tiny' (random weights, noise).")
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

    boolean given() {
        return backend != null;
    }

    /** The servers listed in --backend (empty for the embedded engine). */
    private List<OpenAiFleet.Member> servers() {
        if (concurrency < 1) throw new UserException("--concurrency must be at least 1, got " + concurrency);
        try {
            return backend == null || backend.equals("embedded") ? List.of() : OpenAiFleet.parse(backend, concurrency);
        } catch (IllegalArgumentException e) {
            throw new UserException("--backend: " + e.getMessage());
        }
    }

    /** Requests in flight in all: --concurrency per server listed, or --concurrency for the embedded engine. */
    int inFlight() {
        return concurrency * Math.max(1, servers().size());
    }

    /** A connected client (the model checked unless told otherwise), or the loaded engine; logging to err. */
    Backend open(OpenAiBackend.Endpoint endpoint, Map<String, String> env, PrintWriter err) {
        if (backend == null || model == null) throw new UserException("--backend and --model are required");
        if (backend.equals("embedded")) return openEmbedded(env, err);
        List<OpenAiFleet.Member> servers = servers();
        OpenAiBackend.Config config = new OpenAiBackend.Config(servers.getFirst().baseUrl(), model, env.get(apiKeyEnv), endpoint, concurrency,
                Duration.ofMillis((long) (timeout * 1000)), maxAttempts, Duration.ofMillis(500), Duration.ofSeconds(30));
        Consumer<String> log = line -> err.println("jack: " + line);
        if (servers.size() == 1) {
            OpenAiBackend client = new OpenAiBackend(config, log);
            try {
                if (!noModelCheck) client.checkModel();
            } catch (GenerationException e) {
                client.close();
                throw new UserException(e.getMessage(), e);
            }
            return client;
        }
        OpenAiFleet fleet;
        try {
            fleet = new OpenAiFleet(config, servers, OpenAiFleet.Health.DEFAULT, log);
        } catch (IllegalArgumentException e) {
            throw new UserException("--backend: " + e.getMessage());
        }
        try {
            if (!noModelCheck) fleet.checkModel();
        } catch (GenerationException e) {
            fleet.close();
            throw new UserException(e.getMessage(), e);
        }
        return fleet;
    }

    private Backend openEmbedded(Map<String, String> env, PrintWriter err) {
        Path file = new DataLocations(env).model(model, err);
        try {
            return EmbeddedBackend.open(file, Runtime.getRuntime().availableProcessors());
        } catch (GgufFile.FormatException | IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        }
    }
}
