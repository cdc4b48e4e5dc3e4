package dev.jack.llm;

import com.sun.net.httpserver.HttpServer;
import dev.jack.core.curate.Mcts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prompts through a server are conditioned on the server's own template: on the Llama 3.1-template model of
 * ../shared/llm, tree search through {@code jack serve} equals tree search on the embedded engine, in every continuation
 * form, and a chat prompt conditions on the same tokens on the chat and the completions endpoints.
 */
class ServerTemplateTest {
    private static EmbeddedBackend engine;
    private static OpenAiServer server;
    private static final List<Prompt.Message> CONVERSATION = List.of(Prompt.Message.system("You are a pirate."),
            Prompt.Message.user("Describe the sea in two sentences."));

    @BeforeAll
    static void start() throws IOException {
        Path model = Path.of(System.getProperty("jack.shared.dir", "../shared")).toAbsolutePath().normalize()
                .resolve("llm/llama3vocab/tiny-llama3vocab-q8_0.gguf");
        Assumptions.assumeTrue(Files.exists(model), "skipped: " + model + " is absent (reference data lives in ../shared, which CI provides)");
        engine = EmbeddedBackend.open(model, 2);
        server = new OpenAiServer(engine, "127.0.0.1", 0, null, 64);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (engine != null) engine.close();
    }

    private static OpenAiBackend client(URI url, OpenAiBackend.Endpoint endpoint, OpenAiBackend.ContinuationForm form, List<String> log) {
        return new OpenAiBackend(new OpenAiBackend.Config(url, "tiny-llama3vocab-q8_0", null, endpoint, 8, Duration.ofSeconds(60), 2,
                Duration.ofMillis(10), Duration.ofMillis(50)).withContinuation(form), log::add);
    }

    /** MctsCommand's generator: k continuations of the reply so far, with token texts for the step boundaries. */
    private static Mcts.Generator generator(Backend backend) {
        return (prefix, k, seed) -> {
            // top_k keeps sampling from sorting the 128k vocabulary at every token.
            GenerationResult r = backend.generate(new GenerationRequest(new Prompt.Continuation(CONVERSATION, prefix), k, 1.0, null, 40,
                    seed, 24, List.of(), 0)).join();
            List<Mcts.Continuation> out = new ArrayList<>();
            for (GenerationResult.Completion c : r.completions()) {
                out.add(new Mcts.Continuation(c.text(), c.logprobs().stream().map(GenerationResult.TokenLogprob::token).toList(),
                        c.logprobs().stream().map(GenerationResult.TokenLogprob::logprob).toList(), c.completionTokens(), "stop".equals(c.finishReason())));
            }
            return out;
        };
    }

    /** A deterministic verdict from the text alone: what matters here is only that both searches see the same texts. */
    private static final Mcts.Scorer SCORER = text -> {
        double reward = Math.floorMod(text.hashCode(), 3) / 2.0;
        return new Mcts.Outcome(reward, reward, reward);
    };

    private static final Mcts.Settings SETTINGS = new Mcts.Settings(3, 3, 6, 3, 2, 1.0, false, 0.1, 4, 4, 12);
    /** Rollouts of 24 tokens are mostly cut off: every one may be chosen here, so that both searches have pairs to compare. */
    private static final Mcts.Screen ANY = (text, stopped) -> null;

    /** Issue 13: {@code jack curate mcts} through {@code jack serve} on the Llama 3.1-template model equals the embedded run. */
    @Test
    void treeSearchThroughTheServerEqualsTheEmbeddedEngine() {
        Mcts.Result embedded = Mcts.search(generator(engine), SCORER, ANY, SETTINGS, 11);
        assertFalse(embedded.pairs().isEmpty(), "a search that finds pairs: " + embedded.calls() + " calls");
        List<String> log = new CopyOnWriteArrayList<>();
        try (OpenAiBackend client = client(server.url(), OpenAiBackend.Endpoint.COMPLETIONS, OpenAiBackend.ContinuationForm.AUTO, log)) {
            assertEquals(embedded, Mcts.search(generator(client), SCORER, ANY, SETTINGS, 11));
        }
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.getFirst().contains("continue_final_message; checked with /tokenize"), log.getFirst());
    }

    /** Every continuation form conditions on the server's rendering plus the reply exactly, trailing blank line included. */
    @Test
    void everyContinuationFormGivesTheEnginesContinuation() {
        GenerationRequest request = new GenerationRequest(new Prompt.Continuation(CONVERSATION, "Arr, the sea\n\n"), 2, 1.0, null, 40, 9L, 12,
                List.of(), 0);
        GenerationResult expected = engine.generate(request).join();
        for (OpenAiBackend.ContinuationForm form : OpenAiBackend.ContinuationForm.values()) {
            try (OpenAiBackend client = client(server.url(), OpenAiBackend.Endpoint.CHAT, form, new ArrayList<>())) {
                assertEquals(expected, client.generate(request).join(), form.name());
            }
        }
    }

    /** Issue 13: the chat and completions endpoints condition on the same tokens (41 here), and so give the same text. */
    @Test
    void chatAndCompletionsEndpointsUseTheSameTemplate() {
        GenerationRequest request = new GenerationRequest(new Prompt.Chat(CONVERSATION), 1, 0.0, null, null, null, 16, List.of(), null);
        GenerationResult expected = engine.generate(request).join();
        List<String> log = new CopyOnWriteArrayList<>();
        try (OpenAiBackend chat = client(server.url(), OpenAiBackend.Endpoint.CHAT, OpenAiBackend.ContinuationForm.AUTO, log);
             OpenAiBackend completions = client(server.url(), OpenAiBackend.Endpoint.COMPLETIONS, OpenAiBackend.ContinuationForm.AUTO, log)) {
            GenerationResult viaChat = chat.generate(request).join();
            GenerationResult viaCompletions = completions.generate(request).join();
            assertEquals(engine.promptTokens(request.prompt()).size(), viaChat.promptTokens());
            assertEquals(viaChat, viaCompletions);
            assertEquals(expected, viaChat);
        }
        assertTrue(log.stream().anyMatch(l -> l.contains("rendered by the server's template (/tokenize with messages)")), log.toString());
    }

    /** A server whose chat endpoint continues a final assistant message but that has neither utility endpoint: found by token counts. */
    @Test
    void withoutUtilityEndpointsTheChatFormIsCheckedByTokenCounts() throws IOException {
        HttpServer proxy = proxy(true);
        List<String> log = new CopyOnWriteArrayList<>();
        try (OpenAiBackend client = client(URI.create("http://127.0.0.1:" + proxy.getAddress().getPort()), OpenAiBackend.Endpoint.CHAT,
                OpenAiBackend.ContinuationForm.AUTO, log)) {
            GenerationRequest continuation = new GenerationRequest(new Prompt.Continuation(CONVERSATION, "Arr, the sea\n\n"), 1, 1.0, null, null,
                    3L, 8, List.of(), null);
            assertEquals(engine.generate(continuation).join(), client.generate(continuation).join());
            assertEquals(1, log.size(), log.toString());
            assertTrue(log.getFirst().contains("checked by prompt token counts"), log.toString());
        } finally {
            proxy.stop(0);
        }
    }

    /** A server that can do none of the forms fails the request with a message naming it and what each try gave. */
    @Test
    void aServerThatCannotContinueFailsClearly() throws IOException {
        HttpServer proxy = proxy(false);
        String url = "http://127.0.0.1:" + proxy.getAddress().getPort();
        try (OpenAiBackend client = client(URI.create(url), OpenAiBackend.Endpoint.CHAT, OpenAiBackend.ContinuationForm.AUTO, new ArrayList<>())) {
            CompletionException e = assertThrows(CompletionException.class, () -> client.generate(new GenerationRequest(
                    new Prompt.Continuation(CONVERSATION, "Arr"), 1, 1.0, null, null, 1L, 4, List.of(), null)).join());
            assertInstanceOf(GenerationException.class, e.getCause());
            String message = e.getCause().getMessage();
            for (String part : List.of(url + "/v1 cannot continue a partial assistant reply", "/tokenize with messages: HTTP 404",
                    "/apply-template: not available", "continue_final_message: refused")) {
                assertTrue(message.contains(part), message);
            }
        } finally {
            proxy.stop(0);
        }
    }

    /**
     * A server with only /v1/chat/completions and /v1/models, passed through to jack serve; without {@code continues}, a
     * request with continue_final_message is refused (as OpenAI refuses unknown fields).
     */
    private static HttpServer proxy(boolean continues) throws IOException {
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HttpClient http = HttpClient.newHttpClient();
        proxy.createContext("/", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getPath();
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean refused = !continues && body.contains("continue_final_message");
                if (!path.equals("/v1/chat/completions") || refused) {
                    byte[] error = "{\"error\": {\"message\": \"not here\"}}".getBytes(StandardCharsets.UTF_8);
                    ex.sendResponseHeaders(refused ? 400 : 404, error.length);
                    ex.getResponseBody().write(error);
                    return;
                }
                HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
                ex.sendResponseHeaders(answer.statusCode(), answer.body().length);
                ex.getResponseBody().write(answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        proxy.start();
        return proxy;
    }
}
