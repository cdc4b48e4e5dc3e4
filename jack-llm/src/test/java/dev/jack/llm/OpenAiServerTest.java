package dev.jack.llm;

import dev.jack.core.json.Json;
import dev.jack.llm.engine.RandomLlama;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jack's HTTP client against Jack's server on the embedded engine: the answers equal the engine's own. */
class OpenAiServerTest {
    private static Path dir;
    private static EmbeddedBackend engine;
    private static OpenAiServer server;
    private static final String KEY = "test-key-123";

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("jack-serve");
        Path tiny = dir.resolve("tiny.gguf");
        RandomLlama.write(tiny, RandomLlama.Shape.tiny(), 0, "tiny");
        engine = EmbeddedBackend.open(tiny, 2);
        server = new OpenAiServer(engine, "127.0.0.1", 0, KEY, 256);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        engine.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static OpenAiBackend client(OpenAiBackend.Endpoint endpoint, String key) {
        return new OpenAiBackend(new OpenAiBackend.Config(server.url(), "tiny", key, endpoint, 8, Duration.ofSeconds(30), 2,
                Duration.ofMillis(10), Duration.ofMillis(50)), line -> { });
    }

    @Test
    void chatAndCompletionsThroughTheClientEqualTheEngine() {
        GenerationRequest chat = new GenerationRequest(new Prompt.Chat(List.of(Prompt.Message.system("Be brief."), Prompt.Message.user("Hi!"))),
                2, 0.8, 0.9, 50, 11L, 12, List.of(), 3);
        GenerationRequest raw = new GenerationRequest(new Prompt.Raw("Once upon a time"), 1, 0.0, null, null, null, 10, List.of(), 2);
        GenerationRequest ids = new GenerationRequest(new Prompt.Tokens(engine.promptTokens(raw.prompt())), 1, 0.0, null, null, null, 10, List.of(), 2);
        try (OpenAiBackend chatClient = client(OpenAiBackend.Endpoint.CHAT, KEY);
             OpenAiBackend completionsClient = client(OpenAiBackend.Endpoint.COMPLETIONS, KEY)) {
            chatClient.checkModel();
            assertEquals(engine.generate(chat).join(), chatClient.generate(chat).join());
            GenerationResult expected = engine.generate(raw).join();
            assertEquals(expected, completionsClient.generate(raw).join());
            assertEquals(expected, completionsClient.generate(ids).join(), "a token-id prompt equals its text");
            assertEquals(engine.generate(chat).join(), completionsClient.generate(chat).join(), "the client-side template equals the engine's");
        }
    }

    @Test
    void concurrentRequestsAllComplete() {
        try (OpenAiBackend client = client(OpenAiBackend.Endpoint.COMPLETIONS, KEY)) {
            List<CompletableFuture<GenerationResult>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                futures.add(client.generate(new GenerationRequest(new Prompt.Raw("prompt " + i), 1, 1.0, null, null, (long) i, 8, List.of(), null)));
            }
            for (int i = 0; i < 12; i++) {
                assertEquals(engine.generate(new GenerationRequest(new Prompt.Raw("prompt " + i), 1, 1.0, null, null, (long) i, 8, List.of(), null)).join(),
                        futures.get(i).join());
            }
        }
    }

    @Test
    void aWrongKeyIsRefused() {
        try (OpenAiBackend client = client(OpenAiBackend.Endpoint.CHAT, "wrong")) {
            var e = assertThrows(java.util.concurrent.CompletionException.class,
                    () -> client.generate(GenerationRequest.of(new Prompt.Chat(List.of(Prompt.Message.user("x"))), 4)).join());
            assertTrue(e.getCause().getMessage().contains("401"), e.getCause().getMessage());
        }
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void badRequestsGetOpenAiStyleErrors() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"messages\": []}", "messages must be a non-empty list",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"max_tokens\": -3}", "max_tokens must be an integer from 1",
                "{\"messages\": [{\"role\": \"robot\", \"content\": \"x\"}]}", "messages[0].role",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"temperature\": \"hot\"}", "temperature must be a number",
                "not json", "not valid JSON");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = post("/v1/chat/completions", c.getKey());
            assertEquals(400, response.statusCode(), c.getKey());
            Map<?, ?> error = (Map<?, ?>) ((Map<?, ?>) Json.parse(response.body())).get("error");
            assertTrue(((String) error.get("message")).contains(c.getValue()), response.body());
            assertEquals("invalid_request_error", error.get("type"));
        }
        HttpResponse<String> outside = post("/v1/completions", "{\"prompt\": [1, 99999]}");
        assertEquals(400, outside.statusCode());
        assertTrue(outside.body().contains("outside the vocabulary"), outside.body());
        assertEquals(404, post("/v1/embeddings", "{}").statusCode());
    }
}
