package dev.jack.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jack.core.json.Json;
import dev.jack.core.json.PyJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A trivial OpenAI-compatible server on 127.0.0.1 for benchmarks and tests: it answers instantly and
 * deterministically (the text depends only on the prompt, the seed and the choice index), can refuse
 * n above a limit as llama.cpp does, and can inject faults at a given rate: 429 with Retry-After, 500,
 * 503, a dropped connection, a hang longer than the client's timeout, a truncated body, malformed JSON.
 */
public final class StubServer implements AutoCloseable {
    public enum Fault { THROTTLE, ERROR_500, ERROR_503, RESET, HANG, TRUNCATED, MALFORMED }

    private final HttpServer server;
    private final String model;
    private final double faultRate;
    private final int maxN;
    private final long hangMillis;
    private volatile long delayMillis;
    private volatile boolean outage;
    private volatile java.util.function.BiFunction<String, Long, String> script;
    private final Random faults;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong faultsInjected = new AtomicLong();

    /**
     * @param faultRate  share of generation requests that get a fault (0 for none)
     * @param maxN       largest n accepted (larger gets HTTP 400, as llama.cpp beyond its slots)
     * @param hangMillis how long a HANG fault stalls before answering
     */
    public StubServer(String model, double faultRate, int maxN, long hangMillis, long seed) throws IOException {
        this.model = model;
        this.faultRate = faultRate;
        this.maxN = maxN;
        this.hangMillis = hangMillis;
        this.faults = new Random(seed);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/models", this::models);
        server.createContext("/v1/chat/completions", ex -> generate(ex, true));
        server.createContext("/v1/completions", ex -> generate(ex, false));
        server.start();
    }

    public static StubServer start(String model) throws IOException {
        return new StubServer(model, 0, Integer.MAX_VALUE, 0, 1);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers with this function of the prompt (the last chat message or the raw prompt) instead of {@link #answer}. */
    public void script(java.util.function.UnaryOperator<String> script) {
        this.script = (prompt, seed) -> script.apply(prompt);
    }

    /** Answers with this function of the prompt and the request's seed (null when none) instead of {@link #answer}. */
    public void scriptBySeed(java.util.function.BiFunction<String, Long, String> script) {
        this.script = script;
    }

    /** Makes every generation answer after this delay (to keep a run busy long enough to interrupt it). */
    public void delay(long millis) {
        delayMillis = millis;
    }

    /** While on, every generation request has its connection dropped unanswered (a server going down and up). */
    public void outage(boolean on) {
        outage = on;
    }

    public long requests() {
        return requests.get();
    }

    public long faultsInjected() {
        return faultsInjected.get();
    }

    /** The text the server answers for a prompt, seed and choice index. */
    public static String answer(String prompt, Long seed, int index) {
        long h = prompt.hashCode() * 31L + (seed == null ? 0 : seed) * 17L + index;
        String start = prompt.length() > 24 ? prompt.substring(0, 24) : prompt;
        return "Answer " + Long.toHexString(h & 0xffffffffL) + " to: " + start;
    }

    private void models(HttpExchange ex) throws IOException {
        OpenAiServer.respond(ex, 200, PyJson.dumps(Map.of("object", "list", "data", List.of(Map.of("id", model, "object", "model")))));
    }

    private void generate(HttpExchange ex, boolean chat) throws IOException {
        requests.incrementAndGet();
        if (outage) {
            ex.close();
            return;
        }
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Fault fault = null;
        synchronized (faults) {
            if (faultRate > 0 && faults.nextDouble() < faultRate) fault = Fault.values()[faults.nextInt(Fault.values().length)];
        }
        if (fault != null) {
            faultsInjected.incrementAndGet();
            switch (fault) {
                case THROTTLE -> {
                    ex.getResponseHeaders().add("Retry-After", "0");
                    OpenAiServer.respond(ex, 429, "{\"error\": {\"message\": \"rate limited\"}}");
                    return;
                }
                case ERROR_500 -> {
                    OpenAiServer.respond(ex, 500, "{\"error\": {\"message\": \"internal error\"}}");
                    return;
                }
                case ERROR_503 -> {
                    OpenAiServer.respond(ex, 503, "{\"error\": {\"message\": \"unavailable\"}}");
                    return;
                }
                case RESET -> {
                    ex.close();
                    return;
                }
                case HANG -> {
                    try {
                        Thread.sleep(hangMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                default -> { }
            }
        }
        Map<?, ?> request = (Map<?, ?>) Json.parse(body);
        int n = request.get("n") instanceof Long l ? l.intValue() : 1;
        if (n > maxN) {
            OpenAiServer.respond(ex, 400, "{\"error\": {\"message\": \"n must be at most " + maxN + "\", \"type\": \"invalid_request_error\"}}");
            return;
        }
        Long seed = request.get("seed") instanceof Long s ? s : null;
        String prompt = chat ? lastMessage(request) : (String) request.get("prompt");
        List<Object> choices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = script != null ? script.apply(prompt, seed) : answer(prompt, seed, i);
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("index", i);
            if (chat) choice.put("message", Map.of("role", "assistant", "content", text));
            else choice.put("text", text);
            if (request.get("logprobs") != null && !Boolean.FALSE.equals(request.get("logprobs"))) choice.put("logprobs", logprobs(text));
            choice.put("finish_reason", "stop");
            choices.add(choice);
        }
        int completionTokens = answer(prompt, seed, 0).split(" ").length;
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", "stub-" + requests.get());
        response.put("object", chat ? "chat.completion" : "text_completion");
        response.put("model", model);
        response.put("choices", choices);
        response.put("usage", Map.of("prompt_tokens", prompt.split(" ").length, "completion_tokens", completionTokens * n));
        String json = PyJson.dumps(response);
        if (fault == Fault.TRUNCATED) json = json.substring(0, json.length() / 2);
        if (fault == Fault.MALFORMED) json = "{\"choices\": [oops";
        OpenAiServer.respond(ex, 200, json);
    }

    private static Map<String, Object> logprobs(String text) {
        List<Object> content = new ArrayList<>();
        String[] words = text.split(" ");
        for (int i = 0; i < words.length; i++) {
            String token = (i == 0 ? "" : " ") + words[i];
            content.add(Map.of("id", 1000 + i, "token", token, "logprob", -0.5 * (i + 1),
                    "top_logprobs", List.of(Map.of("id", 1000 + i, "token", token, "logprob", -0.5 * (i + 1)))));
        }
        return Map.of("content", content);
    }

    private static String lastMessage(Map<?, ?> request) {
        List<?> messages = (List<?>) request.get("messages");
        return (String) ((Map<?, ?>) messages.getLast()).get("content");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
