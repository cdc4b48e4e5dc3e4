package dev.jack.llm;

import dev.jack.core.json.Json;
import dev.jack.core.json.PyJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A client for any OpenAI-compatible server (vLLM, SGLang, llama.cpp's server, Ollama, OpenAI).
 * Requests run on virtual threads, at most {@code maxInFlight} at a time. Throttling (429), server
 * errors (5xx), timeouts, dropped connections and unparseable bodies are retried with exponential
 * backoff and jitter, honouring Retry-After, up to {@code maxAttempts}; then the request fails with
 * the last reason. A server that rejects n &gt; 1 (llama.cpp beyond its slots) or returns fewer
 * choices gets n separate requests from then on (seeds seed, seed+1, ...), which is said once in the
 * log. The API key is sent as a bearer token and never appears in messages.
 */
public final class OpenAiBackend implements Backend {
    /** Which endpoint chat prompts go to; raw prefixes always use /v1/completions. */
    public enum Endpoint { CHAT, COMPLETIONS }

    public record Config(URI baseUrl, String model, String apiKey, Endpoint endpoint, int maxInFlight,
                         Duration timeout, int maxAttempts, Duration backoffBase, Duration backoffMax) {
        public Config {
            if (maxInFlight < 1) throw new IllegalArgumentException("max in flight must be at least 1");
            if (maxAttempts < 1) throw new IllegalArgumentException("max attempts must be at least 1");
            String url = baseUrl.toString().replaceAll("/+$", "");
            if (!url.endsWith("/v1")) url += "/v1";
            baseUrl = URI.create(url);
        }

        public static Config of(URI baseUrl, String model) {
            return new Config(baseUrl, model, null, Endpoint.CHAT, 64, Duration.ofMinutes(5), 6,
                    Duration.ofMillis(500), Duration.ofSeconds(30));
        }
    }

    private final Config config;
    private final HttpClient http;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight;
    private final Consumer<String> log;
    private final AtomicBoolean splitN = new AtomicBoolean();
    private final AtomicLong retries = new AtomicLong();

    public OpenAiBackend(Config config, Consumer<String> log) {
        this.config = config;
        this.log = log;
        this.inFlight = new Semaphore(config.maxInFlight());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).executor(executor).build();
    }

    @Override
    public String model() {
        return config.model();
    }

    /** How many attempts were repeated so far. */
    public long retries() {
        return retries.get();
    }

    /** Asks /v1/models and fails, listing what the server has, when the model is not among them. */
    public void checkModel() {
        HttpResponse<String> response;
        try {
            response = http.send(request("/models").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GenerationException(scrub("cannot reach " + config.baseUrl() + ": " + describe(e)), 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationException("interrupted", 1);
        }
        if (response.statusCode() != 200) {
            throw new GenerationException(scrub(config.baseUrl() + "/models answered HTTP " + response.statusCode() + ": " + snippet(response.body())), 1);
        }
        List<String> ids = new ArrayList<>();
        if (Json.parse(response.body()) instanceof Map<?, ?> root && root.get("data") instanceof List<?> data) {
            for (Object o : data) if (o instanceof Map<?, ?> m && m.get("id") instanceof String id) ids.add(id);
        }
        if (!ids.contains(config.model())) {
            throw new GenerationException("model \"" + config.model() + "\" is not served by " + config.baseUrl() + "; it serves " + ids, 1);
        }
    }

    @Override
    public CompletableFuture<GenerationResult> generate(GenerationRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            if (request.n() > 1 && splitN.get()) return generateSplit(request);
            GenerationResult result = generateWithPermit(request);
            if (result == null) return generateSplit(request);
            return result;
        }, executor);
    }

    /** n requests of one completion each, seeds seed, seed+1, ..., results in order. */
    private GenerationResult generateSplit(GenerationRequest request) {
        List<CompletableFuture<GenerationResult>> parts = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            GenerationRequest one = request.withN(1).withSeed(request.seed() == null ? null : request.seed() + i);
            parts.add(CompletableFuture.supplyAsync(() -> generateWithPermit(one), executor));
        }
        List<GenerationResult.Completion> completions = new ArrayList<>();
        int promptTokens = 0;
        for (CompletableFuture<GenerationResult> f : parts) {
            GenerationResult r = f.join();
            completions.addAll(r.completions());
            promptTokens = r.promptTokens();
        }
        return new GenerationResult(List.copyOf(completions), promptTokens);
    }

    /** One request under the in-flight bound; null when the server cannot do n &gt; 1 (then split). */
    private GenerationResult generateWithPermit(GenerationRequest request) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationException("interrupted", 0);
        }
        try {
            return attempts(request);
        } finally {
            inFlight.release();
        }
    }

    private GenerationResult attempts(GenerationRequest request) {
        String path = request.prompt() instanceof Prompt.Chat && config.endpoint() == Endpoint.CHAT ? "/chat/completions" : "/completions";
        String body = PyJson.dumps(body(request));
        String lastFailure = "no attempt";
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            if (attempt > 1) retries.incrementAndGet();
            Duration wait = null;
            try {
                HttpResponse<String> response = http.send(request(path).timeout(config.timeout())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    GenerationResult result = OpenAiResponses.parse(response.body());
                    if (request.n() > 1 && result.completions().size() < request.n()) return splitFromNowOn("returned "
                            + result.completions().size() + " choices for n=" + request.n());
                    return result;
                }
                lastFailure = "HTTP " + status + ": " + snippet(response.body());
                if (status == 400 && request.n() > 1) return splitFromNowOn("rejected n=" + request.n() + " (" + lastFailure + ")");
                if (status != 408 && status != 429 && status < 500) {
                    throw new GenerationException(scrub(lastFailure), attempt);
                }
                wait = retryAfter(response);
            } catch (HttpTimeoutException e) {
                lastFailure = "timed out after " + config.timeout().toSeconds() + " s";
            } catch (IOException e) {
                lastFailure = "connection failed: " + describe(e);
            } catch (OpenAiResponses.MalformedResponse e) {
                lastFailure = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GenerationException("interrupted", attempt);
            }
            if (attempt < config.maxAttempts()) sleep(wait != null ? wait : backoff(attempt));
        }
        throw new GenerationException(scrub("gave up after " + config.maxAttempts() + " attempts; last: " + lastFailure), config.maxAttempts());
    }

    private GenerationResult splitFromNowOn(String why) {
        if (splitN.compareAndSet(false, true)) {
            log.accept("the server " + why + "; sending one request per completion from now on");
        }
        return null;
    }

    private Map<String, Object> body(GenerationRequest r) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("model", config.model());
        switch (r.prompt()) {
            case Prompt.Chat chat when config.endpoint() == Endpoint.CHAT -> {
                List<Object> messages = new ArrayList<>();
                for (Prompt.Message m : chat.messages()) messages.add(Map.of("role", m.role(), "content", m.content()));
                b.put("messages", messages);
            }
            case Prompt.Chat chat -> b.put("prompt", ChatTemplates.llama3(chat));
            case Prompt.Raw raw -> b.put("prompt", raw.prefix());
            case Prompt.Continuation c -> b.put("prompt", ChatTemplates.llama3(new Prompt.Chat(c.messages())) + c.reply());
            case Prompt.Tokens tokens -> b.put("prompt", tokens.ids());
        }
        b.put("n", r.n());
        b.put("max_tokens", r.maxTokens());
        if (r.temperature() != null) b.put("temperature", r.temperature());
        if (r.topP() != null) b.put("top_p", r.topP());
        if (r.topK() != null) b.put("top_k", r.topK());
        if (r.seed() != null) b.put("seed", r.seed());
        if (!r.stop().isEmpty()) b.put("stop", r.stop());
        if (r.logprobs() != null) {
            if (b.containsKey("messages")) {
                b.put("logprobs", true);
                if (r.logprobs() > 0) b.put("top_logprobs", r.logprobs());
            } else {
                b.put("logprobs", r.logprobs());
            }
        }
        return b;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(config.baseUrl() + path));
        if (config.apiKey() != null && !config.apiKey().isEmpty()) b.header("Authorization", "Bearer " + config.apiKey());
        return b;
    }

    /** Retry-After in seconds or as an HTTP date, capped at the longest backoff. */
    private Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value == null) return null;
        Duration d;
        try {
            d = Duration.ofMillis((long) (Double.parseDouble(value.strip()) * 1000));
        } catch (NumberFormatException e) {
            try {
                d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (RuntimeException unparseable) {
                return null;
            }
        }
        if (d.isNegative()) d = Duration.ZERO;
        return d.compareTo(config.backoffMax()) > 0 ? config.backoffMax() : d;
    }

    /** Exponential backoff with full jitter in [delay/2, delay]. */
    private Duration backoff(int attempt) {
        long base = config.backoffBase().toMillis();
        long delay = Math.min(config.backoffMax().toMillis(), base << Math.min(attempt - 1, 20));
        return Duration.ofMillis(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String snippet(String body) {
        String s = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Removes the API key from a message, in case a server echoes it back. */
    private String scrub(String message) {
        String key = config.apiKey();
        return key == null || key.isEmpty() ? message : message.replace(key, "***");
    }

    @Override
    public void close() {
        executor.shutdownNow();
        http.close();
    }
}
