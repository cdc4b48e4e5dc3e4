package dev.jack.pipeline.bench;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A benchmark fixture, not a model server: an OpenAI-compatible endpoint on 127.0.0.1 that answers every request at
 * once with a short fixed text ({@code jack bench sample} measures Jack's HTTP client against it, and
 * {@code jack bench stub-server} serves it for load generators such as wrk). The tests' fault-injecting stub lives
 * in jack-llm's test sources.
 */
public final class BenchFixtureServer implements AutoCloseable {
    private final HttpServer server;
    private final String model;
    private final AtomicLong requests = new AtomicLong();

    /** Starts serving on a free port of 127.0.0.1, naming {@code model} in /v1/models. */
    public BenchFixtureServer(String model) throws IOException {
        this.model = model;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/models", ex -> send(ex, Map.of("object", "list", "data", List.of(Map.of("id", model, "object", "model")))));
        server.createContext("/v1/chat/completions", ex -> answer(ex, true));
        server.createContext("/v1/completions", ex -> answer(ex, false));
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange ex, boolean chat) throws IOException {
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<?, ?> request = (Map<?, ?>) Json.parse(body);
        String text = "A fixed answer for request " + requests.incrementAndGet() + ".";
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        if (chat) choice.put("message", Map.of("role", "assistant", "content", text));
        else choice.put("text", text);
        choice.put("finish_reason", "stop");
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("object", chat ? "chat.completion" : "text_completion");
        response.put("model", request.get("model") instanceof String m ? m : model);
        response.put("choices", List.of(choice));
        response.put("usage", Map.of("prompt_tokens", 8, "completion_tokens", 7));
        send(ex, response);
    }

    private static void send(HttpExchange ex, Object json) throws IOException {
        byte[] bytes = PyJson.dumps(json).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
