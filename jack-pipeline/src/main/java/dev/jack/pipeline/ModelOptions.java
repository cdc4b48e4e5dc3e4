package dev.jack.pipeline;

import dev.jack.core.OptionException;
import dev.jack.core.UserException;
import dev.jack.llm.Backend;
import dev.jack.llm.EmbeddedBackend;
import dev.jack.llm.GenerationException;
import dev.jack.llm.OpenAiBackend;
import dev.jack.llm.OpenAiFleet;
import dev.jack.llm.engine.GgufFile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Which model a stage calls and how: an OpenAI-compatible server ({@code backend} is its base URL, {@code /v1} is
 * added; {@code model} is checked against {@code /v1/models} unless {@code noModelCheck}), or Jack's embedded engine
 * ({@code backend} is {@code embedded}; {@code model} is a GGUF path, {@code hf://OWNER/REPO/FILE.gguf} or
 * {@code tiny}: see {@link dev.jack.llm.ModelFiles}). Several server URLs separated by commas are a fleet serving the
 * same model ({@link OpenAiFleet}): requests spread over them by load, a server that fails is taken out and probed
 * later. The API key is read from the environment variable {@code apiKeyEnv}; {@code concurrency} requests are in
 * flight at most per server (or in the engine), each given {@code timeout} seconds and {@code maxAttempts} attempts.
 * With {@code stream}, a server's answers come as server-sent events and one that sends nothing for
 * {@code idleTimeout} seconds (null: {@link OpenAiBackend.Config#DEFAULT_IDLE_TIMEOUT}) fails the attempt, which is
 * retried, so a hung server holds a request slot for that long rather than the whole {@code timeout}
 * ({@link OpenAiBackend.Config#withStream}); the embedded engine ignores both.
 */
public record ModelOptions(String backend, String model, String apiKeyEnv, int concurrency, double timeout, int maxAttempts,
                           boolean noModelCheck, boolean stream, Double idleTimeout) {
    /** The value of {@code backend} that selects Jack's own engine. */
    public static final String EMBEDDED = "embedded";

    public ModelOptions {
        if (backend != null && !backend.equals(EMBEDDED)) {
            try {
                OpenAiFleet.parse(backend, 1);
            } catch (IllegalArgumentException e) {
                // The list's message names the entry at fault: "expected a server URL ..., got \"X\"".
                throw new OptionException("backend", "expected embedded or " + e.getMessage().replaceFirst("^expected ", ""));
            }
        }
        Check.atLeast("concurrency", concurrency, 1);
        Check.atLeast("max_attempts", maxAttempts, 1);
        // Finite, at least a millisecond (what the client counts in), at most a billion seconds.
        Check.within("timeout", timeout, 0.001, 1e9);
        if (idleTimeout != null) Check.within("idle_timeout", idleTimeout, 0.001, 1e9);
    }

    /** Whether a model was chosen at all (an optional judge). */
    public boolean given() {
        return backend != null;
    }

    /** Whether the embedded engine runs the model. */
    public boolean embedded() {
        return EMBEDDED.equals(backend);
    }

    /** A local GGUF file whose content decides the outputs (a path given to the embedded engine), else null. */
    public Path localFile() {
        return embedded() && model != null && !model.equals("tiny") && !model.startsWith("hf://") ? Path.of(model) : null;
    }

    /**
     * What identifies the model in a fingerprint: the backend and the model's name (not how it is reached). A fleet is
     * "servers" and the model's name, so that servers may be added to or taken from its list between runs.
     */
    public String identity() {
        return (servers().size() > 1 ? "servers" : backend) + " " + model;
    }

    /** The servers {@code backend} lists, each with {@code concurrency} requests in flight at most; empty for the engine. */
    public List<OpenAiFleet.Member> servers() {
        return backend == null || embedded() ? List.of() : OpenAiFleet.parse(backend, concurrency);
    }

    /** Requests in flight in all: {@code concurrency} per server listed, or {@code concurrency} for the engine. */
    public int inFlight() {
        return concurrency * Math.max(1, servers().size());
    }

    /**
     * A connected client (the model checked unless told otherwise) or the loaded engine; notes go to the context's err.
     *
     * @throws UserException when backend or model is missing, the server cannot be reached or does not serve the model,
     *     or the GGUF file cannot be used
     */
    public Backend open(OpenAiBackend.Endpoint endpoint, StageContext context) {
        if (backend == null || model == null) throw new UserException("--backend and --model are required");
        if (embedded()) {
            Path file = context.models().resolve(model, context::note);
            try {
                return EmbeddedBackend.open(file, Runtime.getRuntime().availableProcessors());
            } catch (GgufFile.FormatException | IllegalArgumentException e) {
                throw new UserException(e.getMessage(), e);
            }
        }
        List<OpenAiFleet.Member> servers = servers();
        OpenAiBackend.Config config = new OpenAiBackend.Config(servers.getFirst().baseUrl(), model, context.env().get(apiKeyEnv), endpoint,
                concurrency, millis(timeout), maxAttempts, Duration.ofMillis(500), Duration.ofSeconds(30))
                .withStream(stream, idleTimeout == null ? null : millis(idleTimeout));
        Backend client;
        try {
            client = servers.size() == 1 ? new OpenAiBackend(config, context::note)
                    : new OpenAiFleet(config, servers, OpenAiFleet.Health.DEFAULT, context::note);
        } catch (IllegalArgumentException e) {
            throw new OptionException("backend", e.getMessage());
        }
        try {
            if (!noModelCheck) {
                switch (client) {
                    case OpenAiBackend one -> one.checkModel();
                    case OpenAiFleet fleet -> fleet.checkModel();
                    default -> { }
                }
            }
        } catch (GenerationException e) {
            client.close();
            throw new UserException(e.getMessage(), e);
        }
        return client;
    }

    private static Duration millis(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
