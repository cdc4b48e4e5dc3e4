package dev.jack.llm;

import dev.jack.core.json.Json;
import dev.jack.core.json.PyJson;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A client for any OpenAI-compatible server (vLLM, SGLang, llama.cpp's server, Ollama, OpenAI, {@code jack serve}).
 * Requests run on virtual threads, at most {@code maxInFlight} at a time. Throttling (429), server errors (5xx),
 * timeouts, dropped connections and unparseable bodies are retried with exponential backoff and jitter, honouring
 * Retry-After, up to {@code maxAttempts}; then the request fails with the last reason. The timeout covers the whole
 * response, body included: an attempt past it is cancelled (its connection closed) and counts as failed. With
 * {@code stream}, responses come as server-sent events and an attempt that receives nothing for {@code idleTimeout}
 * fails too, so a hung server holds a request slot for the idle timeout, not the whole timeout. A server that rejects
 * n &gt; 1 (llama.cpp beyond its slots) or returns fewer choices gets n separate requests from then on (seeds seed,
 * seed+1, ...), which is said once in the log. The API key is sent as a bearer token and never appears in messages.
 *
 * <p>Prompts are always conditioned on the server's own chat template: chat prompts go to the chat endpoint; a
 * continuation of a partial assistant reply (tree search) and a chat prompt sent to the completions endpoint take a
 * form the server is found to support ({@link ServerTemplates}), never a template rendered by Jack.
 */
public final class OpenAiBackend implements Backend {
    /** Which endpoint chat prompts go to; raw prefixes and token ids always use /v1/completions. */
    public enum Endpoint { CHAT, COMPLETIONS }

    /**
     * How a continuation of a partial assistant reply is sent. AUTO finds out once per backend what the server supports
     * (see {@link ServerTemplates}) and logs which form it uses.
     * <ul>
     * <li>CONTINUE_FINAL_MESSAGE: the chat endpoint, the reply as the final assistant message, with
     * {@code continue_final_message: true, add_generation_prompt: false} (vLLM, SGLang, jack serve; llama.cpp continues a
     * final assistant message anyway);</li>
     * <li>TOKEN_IDS: the completions endpoint with token ids: the server's {@code /tokenize} of its own rendering
     * ({@code /tokenize} with messages, then {@code /detokenize}) with the reply appended (vLLM's endpoints);</li>
     * <li>TEMPLATE_TEXT: the completions endpoint with llama.cpp's {@code /apply-template} rendering and the reply.</li>
     * </ul>
     */
    public enum ContinuationForm { AUTO, CONTINUE_FINAL_MESSAGE, TOKEN_IDS, TEMPLATE_TEXT }

    /**
     * @param timeout      the longest one attempt may take, from sending to the last byte of the response
     * @param stream       ask for server-sent events ({@code stream: true} with usage)
     * @param idleTimeout  with stream, the longest the server may send nothing before the attempt fails
     * @param continuation how continuations are sent (AUTO: found out from the server)
     */
    public record Config(URI baseUrl, String model, String apiKey, Endpoint endpoint, int maxInFlight,
                         Duration timeout, int maxAttempts, Duration backoffBase, Duration backoffMax,
                         boolean stream, Duration idleTimeout, ContinuationForm continuation) {
        /** The idle timeout when none is given. */
        public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

        public Config {
            if (maxInFlight < 1) throw new IllegalArgumentException("max in flight must be at least 1");
            if (maxAttempts < 1) throw new IllegalArgumentException("max attempts must be at least 1");
            if (timeout == null || timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
            if (idleTimeout == null) idleTimeout = DEFAULT_IDLE_TIMEOUT;
            if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("the idle timeout must be positive, got " + idleTimeout);
            if (continuation == null) continuation = ContinuationForm.AUTO;
            String url = baseUrl.toString().replaceAll("/+$", "");
            if (!url.endsWith("/v1")) url += "/v1";
            baseUrl = URI.create(url);
        }

        /** Without streaming, continuations found out from the server. */
        public Config(URI baseUrl, String model, String apiKey, Endpoint endpoint, int maxInFlight,
                      Duration timeout, int maxAttempts, Duration backoffBase, Duration backoffMax) {
            this(baseUrl, model, apiKey, endpoint, maxInFlight, timeout, maxAttempts, backoffBase, backoffMax, false, null, null);
        }

        public static Config of(URI baseUrl, String model) {
            return new Config(baseUrl, model, null, Endpoint.CHAT, 64, Duration.ofMinutes(5), 6,
                    Duration.ofMillis(500), Duration.ofSeconds(30));
        }

        /** The same with streaming on or off, and the idle timeout (null: the default). */
        public Config withStream(boolean stream, Duration idleTimeout) {
            return new Config(baseUrl, model, apiKey, endpoint, maxInFlight, timeout, maxAttempts, backoffBase, backoffMax, stream, idleTimeout, continuation);
        }

        public Config withContinuation(ContinuationForm continuation) {
            return new Config(baseUrl, model, apiKey, endpoint, maxInFlight, timeout, maxAttempts, backoffBase, backoffMax, stream, idleTimeout, continuation);
        }

        /** The same settings for another server, with its own bound on requests in flight. */
        public Config at(URI baseUrl, int maxInFlight) {
            return new Config(baseUrl, model, apiKey, endpoint, maxInFlight, timeout, maxAttempts, backoffBase, backoffMax, stream, idleTimeout, continuation);
        }
    }

    private final Config config;
    private final HttpClient http;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /** Enforces deadlines and idle timeouts on responses being read. */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jack-http-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore inFlight;
    private final Consumer<String> log;
    private final AtomicBoolean splitN = new AtomicBoolean();
    private final AtomicLong retries = new AtomicLong();
    private final ServerTemplates templates;

    public OpenAiBackend(Config config, Consumer<String> log) {
        this.config = config;
        this.log = log;
        this.inFlight = new Semaphore(config.maxInFlight());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).executor(executor).build();
        this.templates = new ServerTemplates(config.baseUrl(), config.model(), this::postUtility, log, config.continuation());
    }

    @Override
    public String model() {
        return config.model();
    }

    @Override
    public long retries() {
        return retries.get();
    }

    Config config() {
        return config;
    }

    /** Asks /v1/models and fails, listing what the server has, when the model is not among them. */
    public void checkModel() {
        List<String> ids;
        try {
            ids = servedModels();
        } catch (IOException e) {
            throw new GenerationException(scrub("cannot reach " + config.baseUrl() + ": " + e.getMessage()), 1);
        }
        if (!ids.contains(config.model())) {
            throw new GenerationException("model \"" + config.model() + "\" is not served by " + config.baseUrl() + "; it serves " + ids, 1);
        }
    }

    /**
     * The model ids /v1/models lists.
     *
     * @throws IOException         when the server cannot be reached or its answer cannot be read in time
     * @throws GenerationException when it answers with an error status or a body that is not JSON
     */
    List<String> servedModels() throws IOException {
        Reply response;
        try {
            response = exchange(request("/models").GET().build(), null);
        } catch (TimedOut | OpenAiResponses.MalformedResponse e) {
            throw new IOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationException("interrupted", 1);
        }
        if (response.status() != 200) {
            throw new GenerationException(scrub(config.baseUrl() + "/models answered HTTP " + response.status() + ": " + snippet(response.body())), 1);
        }
        List<String> ids = new ArrayList<>();
        try {
            if (Json.parse(response.body()) instanceof Map<?, ?> root && root.get("data") instanceof List<?> data) {
                for (Object o : data) if (o instanceof Map<?, ?> m && m.get("id") instanceof String id) ids.add(id);
            }
        } catch (RuntimeException e) {
            throw new GenerationException(config.baseUrl() + "/models answered with a body that is not JSON: " + snippet(response.body()), 1);
        }
        return ids;
    }

    @Override
    public CompletableFuture<GenerationResult> generate(GenerationRequest request) {
        return generate(request, splitN, this::generateWithPermit, executor);
    }

    /**
     * A request through {@code one} (null when the server cannot give n &gt; 1 completions at once), or, once
     * {@code split} is set, as n requests of one completion each (seeds seed, seed+1, ...), results in order.
     */
    static CompletableFuture<GenerationResult> generate(GenerationRequest request, AtomicBoolean split,
                                                        java.util.function.Function<GenerationRequest, GenerationResult> one, ExecutorService executor) {
        return CompletableFuture.supplyAsync(() -> {
            if (request.n() > 1 && split.get()) return generateSplit(request, one, executor);
            GenerationResult result = one.apply(request);
            return result != null ? result : generateSplit(request, one, executor);
        }, executor);
    }

    private static GenerationResult generateSplit(GenerationRequest request, java.util.function.Function<GenerationRequest, GenerationResult> one,
                                                  ExecutorService executor) {
        List<CompletableFuture<GenerationResult>> parts = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            GenerationRequest single = request.withN(1).withSeed(request.seed() == null ? null : request.seed() + i);
            parts.add(CompletableFuture.supplyAsync(() -> one.apply(single), executor));
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
        Prepared prepared = prepare(request);
        String lastFailure = "no attempt";
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            if (attempt > 1) retries.incrementAndGet();
            Duration wait = null;
            switch (send(prepared)) {
                case Attempt.Done done -> {
                    return done.result();
                }
                case Attempt.SplitN split -> {
                    return splitFromNowOn(split.why());
                }
                case Attempt.Failed failed when failed.kind() == Failure.FATAL -> throw new GenerationException(failed.reason(), attempt);
                case Attempt.Failed failed -> {
                    lastFailure = failed.reason();
                    wait = failed.retryAfter();
                }
            }
            if (attempt < config.maxAttempts()) sleep(wait != null ? wait : backoff(attempt));
        }
        throw new GenerationException(scrub("gave up after " + config.maxAttempts() + " attempts; last: " + lastFailure), config.maxAttempts());
    }

    /** How an attempt failed, as far as the server's health goes. */
    enum Failure {
        /** Nothing accepts a connection at the address: the server is down. */
        REFUSED,
        /** A dropped connection, a timeout, HTTP 5xx or an unreadable body: the server may be failing. */
        TRANSIENT,
        /** HTTP 408 or 429: the server is busy, not broken. */
        THROTTLED,
        /** Any other HTTP 4xx: the request itself is refused, and would be again. */
        FATAL
    }

    /** What one attempt came to. */
    sealed interface Attempt {
        record Done(GenerationResult result) implements Attempt {}

        /** The server cannot give n &gt; 1 completions in one request. */
        record SplitN(String why) implements Attempt {}

        /** A failure, its reason (without the API key) and the server's Retry-After, if any. */
        record Failed(Failure kind, String reason, Duration retryAfter) implements Attempt {}
    }

    /** A request in this server's form: the endpoint path and the JSON body. */
    record Prepared(GenerationRequest request, String path, String body) {}

    /**
     * The request in the form this server takes (its template for continuations, found out once).
     *
     * @throws GenerationException when the server's form cannot be found out
     */
    Prepared prepare(GenerationRequest request) {
        ServerTemplates.Target target = target(request.prompt());
        boolean chat = target.path().equals("/chat/completions");
        return new Prepared(request, target.path(), PyJson.dumps(body(request, target, chat)));
    }

    /**
     * One attempt, outside the in-flight bound (the caller bounds it).
     *
     * @throws GenerationException when the thread is interrupted
     */
    Attempt send(Prepared prepared) {
        GenerationRequest request = prepared.request();
        try {
            HttpRequest http = request(prepared.path()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(prepared.body())).build();
            OpenAiResponses.Stream events = config.stream() ? new OpenAiResponses.Stream() : null;
            Reply response = exchange(http, events);
            int status = response.status();
            if (status == 200) {
                GenerationResult result = response.streamed() ? events.result() : OpenAiResponses.parse(response.body());
                if (request.n() > 1 && result.completions().size() < request.n()) {
                    return new Attempt.SplitN("returned " + result.completions().size() + " choices for n=" + request.n());
                }
                return new Attempt.Done(result);
            }
            String failure = scrub("HTTP " + status + ": " + snippet(response.body()));
            if (status == 400 && request.n() > 1) return new Attempt.SplitN("rejected n=" + request.n() + " (" + failure + ")");
            if (status == 408 || status == 429) return new Attempt.Failed(Failure.THROTTLED, failure, retryAfter(response));
            if (status < 500) return new Attempt.Failed(Failure.FATAL, failure, null);
            return new Attempt.Failed(Failure.TRANSIENT, failure, retryAfter(response));
        } catch (TimedOut e) {
            return new Attempt.Failed(Failure.TRANSIENT, e.getMessage(), null);
        } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
            return new Attempt.Failed(Failure.REFUSED, scrub("connection failed: " + describe(e)), null);
        } catch (IOException e) {
            return new Attempt.Failed(Failure.TRANSIENT, scrub("connection failed: " + describe(e)), null);
        } catch (OpenAiResponses.MalformedResponse e) {
            return new Attempt.Failed(Failure.TRANSIENT, scrub(e.getMessage()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationException("interrupted", 1);
        }
    }

    private GenerationResult splitFromNowOn(String why) {
        if (splitN.compareAndSet(false, true)) {
            log.accept("the server " + why + "; sending one request per completion from now on");
        }
        return null;
    }

    /** The endpoint and prompt fields for a prompt, in the server's own template. */
    private ServerTemplates.Target target(Prompt prompt) {
        return switch (prompt) {
            case Prompt.Chat chat when config.endpoint() == Endpoint.CHAT -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("messages", ServerTemplates.wire(chat.messages()));
                yield new ServerTemplates.Target("/chat/completions", fields);
            }
            case Prompt.Chat chat -> templates.completions(chat.messages());
            case Prompt.Raw raw -> new ServerTemplates.Target("/completions", new LinkedHashMap<>(Map.of("prompt", raw.prefix())));
            case Prompt.Continuation c -> templates.continuation(c.messages(), c.reply());
            case Prompt.Tokens tokens -> new ServerTemplates.Target("/completions", new LinkedHashMap<>(Map.of("prompt", tokens.ids())));
        };
    }

    private Map<String, Object> body(GenerationRequest r, ServerTemplates.Target target, boolean chat) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("model", config.model());
        b.putAll(target.fields());
        b.put("n", r.n());
        b.put("max_tokens", r.maxTokens());
        if (r.temperature() != null) b.put("temperature", r.temperature());
        if (r.topP() != null) b.put("top_p", r.topP());
        if (r.topK() != null) b.put("top_k", r.topK());
        if (r.seed() != null) b.put("seed", r.seed());
        if (!r.stop().isEmpty()) b.put("stop", r.stop());
        if (r.logprobs() != null) {
            if (chat) {
                b.put("logprobs", true);
                if (r.logprobs() > 0) b.put("top_logprobs", r.logprobs());
            } else {
                b.put("logprobs", r.logprobs());
            }
        }
        if (config.stream()) {
            b.put("stream", true);
            b.put("stream_options", Map.of("include_usage", true));
        }
        return b;
    }

    /** A POST to a utility endpoint (/tokenize, /apply-template, ...), retried like a generation; client errors are returned. */
    private ServerTemplates.Reply postUtility(URI url, Map<String, Object> body) {
        String json = PyJson.dumps(body);
        String lastFailure = "no attempt";
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            if (attempt > 1) retries.incrementAndGet();
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(url).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
                if (config.apiKey() != null && !config.apiKey().isEmpty()) b.header("Authorization", "Bearer " + config.apiKey());
                Reply r = exchange(b.build(), null);
                if (r.status() < 500 && r.status() != 408 && r.status() != 429) return new ServerTemplates.Reply(r.status(), r.body());
                lastFailure = "HTTP " + r.status() + ": " + snippet(r.body());
            } catch (TimedOut | OpenAiResponses.MalformedResponse e) {
                lastFailure = e.getMessage();
            } catch (IOException e) {
                lastFailure = "connection failed: " + describe(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GenerationException("interrupted", attempt);
            }
            if (attempt < config.maxAttempts()) sleep(backoff(attempt));
        }
        throw new GenerationException(scrub(url + ": gave up after " + config.maxAttempts() + " attempts; last: " + lastFailure), config.maxAttempts());
    }

    /** An HTTP answer: its status, body (empty when it was an event stream, read into the caller's collector) and Retry-After header. */
    private record Reply(int status, String body, String retryAfter, boolean streamed) {}

    /** An attempt that passed its deadline or, streaming, its idle timeout. */
    private static final class TimedOut extends Exception {
        TimedOut(String message) {
            super(message);
        }
    }

    /**
     * Sends a request and reads its response within the timeout, which covers the body too; a 200 event stream
     * ({@code text/event-stream}) is read into {@code events}, under the idle timeout as well. On either limit the
     * exchange is cancelled and its connection closed.
     */
    private Reply exchange(HttpRequest request, OpenAiResponses.Stream events) throws IOException, TimedOut, InterruptedException, OpenAiResponses.MalformedResponse {
        long start = System.nanoTime();
        long deadline = start + config.timeout().toNanos();
        String timedOut = "timed out after " + seconds(config.timeout()) + " (the whole response)";
        // Streaming, a server that sends no headers within the idle timeout has stopped sending too.
        long headersBy = events != null ? Math.min(deadline, start + config.idleTimeout().toNanos()) : deadline;
        CompletableFuture<HttpResponse<InputStream>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response;
        try {
            response = pending.get(Math.max(1, headersBy - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new TimedOut(headersBy < deadline ? "the server sent nothing for " + seconds(config.idleTimeout()) + " (idle timeout)" : timedOut);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException(describe(e.getCause() instanceof Exception x ? x : e), e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        }
        // A server that ignores "stream" answers with one JSON body, which is read as such.
        boolean streaming = events != null && response.statusCode() == 200
                && response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
        Guard guard = new Guard(response.body(), deadline, streaming ? config.idleTimeout().toNanos() : 0);
        try (InputStream in = guard) {
            String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
            if (!streaming) return new Reply(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8), retryAfter, false);
            readEvents(in, events);
            return new Reply(200, "", retryAfter, true);
        } catch (IOException e) {
            if (guard.fired != null) throw new TimedOut(guard.fired.equals("deadline") ? timedOut
                    : "the server sent nothing for " + seconds(config.idleTimeout()) + " (idle timeout)");
            throw e;
        } finally {
            guard.disarm();
        }
    }

    /** Reads server-sent events: {@code data:} lines (joined when several), until {@code [DONE]} or the end. */
    private static void readEvents(InputStream in, OpenAiResponses.Stream events) throws IOException, OpenAiResponses.MalformedResponse {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    if (data.toString().equals("[DONE]")) return;
                    events.accept(data.toString());
                    data.setLength(0);
                }
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) data.append('\n');
                data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
            }
            // Other fields (event:, id:, retry:) and comments (":" keep-alives) carry nothing Jack needs.
        }
        if (!data.isEmpty() && !data.toString().equals("[DONE]")) events.accept(data.toString());
    }

    /**
     * A response body that a watchdog closes when the deadline passes or (idle timeout above 0) when no byte has come
     * for that long; closing makes a blocked read return, and {@code fired} says why.
     */
    private final class Guard extends FilterInputStream {
        private final long deadline;
        private final long idle;
        private volatile long lastByte = System.nanoTime();
        volatile String fired;
        private final ScheduledFuture<?> check;

        Guard(InputStream in, long deadline, long idle) {
            super(in);
            this.deadline = deadline;
            this.idle = idle;
            long window = idle > 0 ? Math.min(idle, deadline - lastByte) : deadline - lastByte;
            long period = Math.clamp(window / 8, TimeUnit.MILLISECONDS.toNanos(5), TimeUnit.SECONDS.toNanos(1));
            this.check = watchdog.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
        }

        private void check() {
            long now = System.nanoTime();
            if (fired != null) return;
            if (now >= deadline) fired = "deadline";
            else if (idle > 0 && now - lastByte >= idle) fired = "idle";
            else return;
            try {
                in.close();
            } catch (IOException ignored) {
                // Closing is only to wake the reader; it fails only if already closed.
            }
            check.cancel(false);
        }

        void disarm() {
            check.cancel(false);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            touched(b >= 0 ? 1 : 0);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            touched(n);
            return n;
        }

        private void touched(int n) throws IOException {
            if (fired != null) throw new IOException("closed by the watchdog (" + fired + ")");
            if (n > 0) lastByte = System.nanoTime();
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(config.baseUrl() + path));
        if (config.apiKey() != null && !config.apiKey().isEmpty()) b.header("Authorization", "Bearer " + config.apiKey());
        return b;
    }

    /** Retry-After in seconds or as an HTTP date, capped at the longest backoff. */
    private Duration retryAfter(Reply response) {
        String value = response.retryAfter();
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
    Duration backoff(int attempt) {
        long base = config.backoffBase().toMillis();
        long delay = Math.min(config.backoffMax().toMillis(), base << Math.min(attempt - 1, 20));
        return Duration.ofMillis(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
    }

    static void sleep(Duration d) {
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
        // Abort exchanges still open (attempts given up on that a server has not answered yet) while the executor that
        // completes them still runs: HttpClient.close() would wait for them, forever once the executor is gone.
        http.shutdownNow();
        try {
            http.awaitTermination(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        watchdog.shutdownNow();
    }
}
