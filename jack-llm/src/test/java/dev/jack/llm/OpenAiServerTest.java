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
import java.nio.charset.StandardCharsets;
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
            assertEquals(engine.generate(chat).join(), completionsClient.generate(chat).join(), "on the completions endpoint, the server's own template, as on the chat endpoint");
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

    /** Every numeric field is checked for its type, NaN, the infinities and its range; the field is named. */
    @Test
    void everyNumericFieldRefusesNaNInfinityAndStrings() throws Exception {
        String messages = "\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]";
        for (String field : List.of("temperature", "top_p", "top_k", "n", "max_tokens", "max_completion_tokens", "seed", "top_logprobs",
                "presence_penalty", "frequency_penalty", "repetition_penalty", "min_p")) {
            for (String bad : List.of("NaN", "Infinity", "-Infinity")) {
                HttpResponse<String> response = post("/v1/chat/completions", "{" + messages + ", \"" + field + "\": " + bad + "}");
                assertEquals(400, response.statusCode(), field + " = " + bad);
                Map<?, ?> error = (Map<?, ?>) ((Map<?, ?>) Json.parse(response.body())).get("error");
                assertTrue(((String) error.get("message")).startsWith(field + " must be"), response.body());
                assertTrue(((String) error.get("message")).contains(bad), response.body());
                assertEquals(field, error.get("param"));
            }
        }
        HttpResponse<String> logprobs = post("/v1/completions", "{\"prompt\": \"x\", \"logprobs\": NaN}");
        assertEquals(400, logprobs.statusCode());
        HttpResponse<String> string = post("/v1/completions", "{\"prompt\": \"x\", \"max_tokens\": \"3\"}");
        assertEquals(400, string.statusCode());
        assertTrue(string.body().contains("max_tokens must be an integer from 1 up, got a string (\\\"3\\\")"), string.body());
        assertEquals(400, post("/v1/completions", "{\"prompt\": \"x\", \"temperature\": 2.5}").statusCode());
        assertEquals(400, post("/v1/completions", "{\"prompt\": \"x\", \"top_p\": 0}").statusCode());
        assertEquals(400, post("/v1/completions", "{\"prompt\": \"x\", \"stream\": \"yes\"}").statusCode());
        assertEquals(400, post("/v1/completions", "{\"prompt\": \"x\", \"frequency_penalty\": 0.5}").statusCode(), "not supported, not ignored");
        assertEquals(200, post("/v1/completions", "{\"prompt\": \"x\", \"max_tokens\": 2.0, \"frequency_penalty\": 0, \"top_k\": -1}").statusCode(),
                "an integral float, a neutral penalty and vLLM's -1 top_k are fine");
    }

    /** Ids at and above 2^31 are refused with the id as sent, not wrapped to a negative number. */
    @Test
    void tokenIdsBeyondTheIntRangeAreRefused() throws Exception {
        HttpResponse<String> response = post("/v1/completions", "{\"prompt\": [1, 2147483648]}");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("prompt[1] must be a token id from 0 to 2147483647, got 2147483648"), response.body());
        assertTrue(post("/v1/completions", "{\"prompt\": [4294967297]}").body().contains("got 4294967297"));
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() throws Exception {
        for (String scheme : List.of("bearer", "BEARER", "Bearer")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/v1/models")).header("Authorization", scheme + " " + KEY).build();
            assertEquals(200, HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode(), scheme);
        }
    }

    /** Bodies over the limit get 413 (by Content-Length, or while reading a chunked body); deep nesting and long prompts get 400. */
    @Test
    void oversizedAndDeepRequestsAreRefusedCheaply() throws Exception {
        try (EmbeddedBackend small = EmbeddedBackend.open(dir.resolve("tiny.gguf"), 1);
             OpenAiServer limited = new OpenAiServer(small, "127.0.0.1", 0, new OpenAiServer.Options(null, 16, 4096, 1000, 16))) {
            HttpClient client = HttpClient.newHttpClient();
            String big = "{\"prompt\": \"" + "a".repeat(5000) + "\"}";
            HttpResponse<String> sized = client.send(HttpRequest.newBuilder(URI.create(limited.url() + "/v1/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString(big)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, sized.statusCode(), sized.body());
            HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(URI.create(limited.url() + "/v1/completions"))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, chunked.statusCode(), chunked.body());
            String deep = "{\"prompt\": \"x\", \"stop\": " + "[".repeat(17) + "]".repeat(17) + "}";
            HttpResponse<String> nested = client.send(HttpRequest.newBuilder(URI.create(limited.url() + "/v1/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString(deep)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, nested.statusCode());
            assertTrue(nested.body().contains("more than 16 levels deep"), nested.body());
            HttpResponse<String> longPrompt = client.send(HttpRequest.newBuilder(URI.create(limited.url() + "/v1/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"" + "a".repeat(1001) + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, longPrompt.statusCode());
            assertTrue(longPrompt.body().contains("the prompt has 1001 characters; this server takes at most 1000"), longPrompt.body());
        }
        // The default depth limit holds far below what would exhaust a stack, on the full server too.
        HttpResponse<String> deep = post("/v1/completions", "[".repeat(100_000));
        assertEquals(400, deep.statusCode());
    }

    /** Streaming with curl's view: data: chunks whose deltas make the whole answer, the usage, then [DONE]. */
    @Test
    void chatAndCompletionsStreamServerSentEvents() throws Exception {
        GenerationRequest asked = new GenerationRequest(new Prompt.Chat(List.of(Prompt.Message.user("Stream this"))), 2, 0.9, null, null, 5L, 12, List.of(), 1);
        GenerationResult expected = engine.generate(asked).join();
        List<String> lines = postLines("/v1/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"Stream this\"}], \"n\": 2, "
                + "\"temperature\": 0.9, \"seed\": 5, \"max_tokens\": 12, \"logprobs\": true, \"top_logprobs\": 1, \"stream\": true, "
                + "\"stream_options\": {\"include_usage\": true}}");
        assertEquals("data: [DONE]", lines.get(lines.size() - 2));
        StringBuilder[] texts = {new StringBuilder(), new StringBuilder()};
        String[] finish = new String[2];
        Map<?, ?> usage = null;
        int roles = 0;
        for (String line : lines) {
            if (line.isEmpty() || line.equals("data: [DONE]")) continue;
            assertTrue(line.startsWith("data: "), line);
            Map<?, ?> chunk = (Map<?, ?>) Json.parse(line.substring(6));
            assertEquals("chat.completion.chunk", chunk.get("object"));
            if (chunk.get("usage") instanceof Map<?, ?> u) usage = u;
            for (Object o : (List<?>) chunk.get("choices")) {
                Map<?, ?> choice = (Map<?, ?>) o;
                int index = ((Long) choice.get("index")).intValue();
                Map<?, ?> delta = (Map<?, ?>) choice.get("delta");
                if ("assistant".equals(delta.get("role"))) roles++;
                texts[index].append((String) delta.get("content"));
                if (choice.get("finish_reason") instanceof String f) finish[index] = f;
            }
        }
        assertEquals(2, roles);
        for (int i = 0; i < 2; i++) {
            assertEquals(expected.completions().get(i).text(), texts[i].toString());
            assertEquals(expected.completions().get(i).finishReason(), finish[i]);
        }
        assertEquals((long) expected.promptTokens(), usage.get("prompt_tokens"));
        List<String> completion = postLines("/v1/completions", "{\"prompt\": \"Once\", \"max_tokens\": 5, \"temperature\": 0, \"stream\": true}");
        StringBuilder text = new StringBuilder();
        for (String line : completion) {
            if (!line.startsWith("data: {")) continue;
            Map<?, ?> choice = (Map<?, ?>) ((List<?>) ((Map<?, ?>) Json.parse(line.substring(6))).get("choices")).getFirst();
            text.append((String) choice.get("text"));
        }
        assertEquals(engine.generate(new GenerationRequest(new Prompt.Raw("Once"), 1, 0.0, null, null, null, 5, List.of(), null)).join()
                .completions().getFirst().text(), text.toString());
        assertEquals("data: [DONE]", completion.get(completion.size() - 2));
    }

    /** Jack's client streaming gets exactly what the engine gives, logprobs included; stop strings never leak into a delta. */
    @Test
    void theClientStreamsToTheSameAnswers() {
        GenerationRequest chat = new GenerationRequest(new Prompt.Chat(List.of(Prompt.Message.user("Hello"))), 3, 1.0, null, null, 2L, 16, List.of(), 2);
        String free = engine.generate(chat).join().completions().getFirst().text();
        GenerationRequest stopped = new GenerationRequest(chat.prompt(), 1, 1.0, null, null, 2L, 16, List.of(free.substring(4, 7)), null);
        try (OpenAiBackend client = new OpenAiBackend(new OpenAiBackend.Config(server.url(), "tiny", KEY, OpenAiBackend.Endpoint.CHAT, 8,
                Duration.ofSeconds(30), 2, Duration.ofMillis(10), Duration.ofMillis(50)).withStream(true, Duration.ofSeconds(10)), line -> { })) {
            assertEquals(engine.generate(chat).join(), client.generate(chat).join());
            assertEquals(engine.generate(stopped).join(), client.generate(stopped).join());
        }
    }

    /** /tokenize in vLLM's and llama.cpp's forms, /detokenize, /apply-template, and the chat forms that continue a reply. */
    @Test
    void tokenizeDetokenizeAndContinuationForms() throws Exception {
        List<Prompt.Message> conversation = List.of(Prompt.Message.user("Write a haiku."));
        String reply = " Waves fold\n\n";
        List<Integer> continued = engine.promptTokens(new Prompt.Continuation(conversation, reply));
        String messages = "[{\"role\": \"user\", \"content\": \"Write a haiku.\"}, {\"role\": \"assistant\", \"content\": \" Waves fold\\n\\n\"}]";
        Map<?, ?> vllm = (Map<?, ?>) Json.parse(post("/tokenize", "{\"messages\": " + messages + ", \"add_generation_prompt\": false, "
                + "\"continue_final_message\": true}").body());
        assertEquals(continued.stream().map(Long::valueOf).toList(), vllm.get("tokens"));
        assertEquals((long) continued.size(), vllm.get("count"));
        Map<?, ?> text = (Map<?, ?>) Json.parse(post("/tokenize", "{\"prompt\": \"Hi<|eot_id|>\", \"add_special_tokens\": false}").body());
        assertEquals(engine.tokenizer().encode("Hi<|eot_id|>", true).stream().map(Long::valueOf).toList(), text.get("tokens"));
        Map<?, ?> llamaCpp = (Map<?, ?>) Json.parse(post("/tokenize", "{\"content\": \"Hi<|eot_id|>\", \"parse_special\": false}").body());
        assertEquals(engine.tokenizer().encode("Hi<|eot_id|>", false).stream().map(Long::valueOf).toList(), llamaCpp.get("tokens"));
        Map<?, ?> detokenized = (Map<?, ?>) Json.parse(post("/detokenize", "{\"tokens\": " + continued + "}").body());
        assertEquals("<|begin_of_text|>" + engine.render(conversation, true) + reply, detokenized.get("prompt"));
        assertEquals(detokenized.get("prompt"), detokenized.get("content"));
        Map<?, ?> applied = (Map<?, ?>) Json.parse(post("/apply-template", "{\"messages\": " + messages + "}").body());
        assertEquals(engine.render(conversation, true) + reply, applied.get("prompt"));
        // A final assistant message is continued (llama.cpp's prefill, or vLLM's flags), the same as the engine's continuation.
        GenerationResult expected = engine.generate(new GenerationRequest(new Prompt.Continuation(conversation, reply), 1, 0.0, null, null, null, 6,
                List.of(), null)).join();
        for (String flags : List.of("", ", \"continue_final_message\": true, \"add_generation_prompt\": false")) {
            Map<?, ?> answer = (Map<?, ?>) Json.parse(post("/v1/chat/completions", "{\"messages\": " + messages + ", \"max_tokens\": 6, "
                    + "\"temperature\": 0" + flags + "}").body());
            Map<?, ?> choice = (Map<?, ?>) ((List<?>) answer.get("choices")).getFirst();
            assertEquals(expected.completions().getFirst().text(), ((Map<?, ?>) choice.get("message")).get("content"), flags);
            assertEquals((long) continued.size(), ((Map<?, ?>) answer.get("usage")).get("prompt_tokens"));
        }
        HttpResponse<String> both = post("/v1/chat/completions", "{\"messages\": " + messages + ", \"continue_final_message\": true, "
                + "\"add_generation_prompt\": true}");
        assertEquals(400, both.statusCode());
        HttpResponse<String> notAssistant = post("/v1/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], "
                + "\"continue_final_message\": true, \"add_generation_prompt\": false}");
        assertEquals(400, notAssistant.statusCode());
        Map<?, ?> closed = (Map<?, ?>) Json.parse(post("/tokenize", "{\"messages\": [{\"role\": \"user\", \"content\": \"Ping?\"}], "
                + "\"add_generation_prompt\": false}").body());
        assertEquals(engine.tokenize(engine.render(List.of(Prompt.Message.user("Ping?")), false), true).stream().map(Long::valueOf).toList(),
                closed.get("tokens"));
    }

    /** Issue 13's input: logprob bytes are the token's raw bytes, also for a token that is part of a UTF-8 character. */
    @Test
    void logprobBytesAreTheTokensRawBytes() throws Exception {
        Path model = Path.of(System.getProperty("jack.shared.dir", "../shared")).toAbsolutePath().normalize().resolve("llm/tiny256-q8_0.gguf");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(model), "skipped: " + model + " is absent");
        try (EmbeddedBackend tiny256 = EmbeddedBackend.open(model, 1);
             OpenAiServer bytesServer = new OpenAiServer(tiny256, "127.0.0.1", 0, null, 16)) {
            String body = "{\"prompt\":\"Hello\",\"max_tokens\":4,\"temperature\":0,\"logprobs\":3}";
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(bytesServer.url() + "/v1/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            Map<?, ?> choice = (Map<?, ?>) ((List<?>) ((Map<?, ?>) Json.parse(response.body())).get("choices")).getFirst();
            Map<Long, Object> bytesById = new java.util.HashMap<>();
            for (Object o : (List<?>) ((Map<?, ?>) choice.get("logprobs")).get("content")) {
                Map<?, ?> entry = (Map<?, ?>) o;
                bytesById.put((Long) entry.get("id"), entry.get("bytes"));
                for (Object alt : (List<?>) entry.get("top_logprobs")) bytesById.put((Long) ((Map<?, ?>) alt).get("id"), ((Map<?, ?>) alt).get("bytes"));
            }
            assertEquals(List.of(135L), bytesById.get(135L), response.body());
            assertEquals(List.of(179L), bytesById.get(179L), response.body());
            try (OpenAiBackend client = new OpenAiBackend(new OpenAiBackend.Config(bytesServer.url(), "tiny256-q8_0", null,
                    OpenAiBackend.Endpoint.COMPLETIONS, 2, Duration.ofSeconds(30), 1, Duration.ofMillis(10), Duration.ofMillis(10)), line -> { })) {
                GenerationResult.Completion c = client.generate(new GenerationRequest(new Prompt.Raw("Hello"), 1, 0.0, null, null, null, 4,
                        List.of(), 3)).join().completions().getFirst();
                assertTrue(c.logprobs().stream().anyMatch(t -> t.id() == 135 && t.bytes().equals(List.of(135))));
                assertEquals(c.text(), GenerationResult.TokenLogprob.text(c.logprobs()), "the client rebuilds the text from the bytes");
            }
        }
    }

    private static List<String> postLines(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(""));
        return response.body().toList();
    }
}
