package dev.jack.llm;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenAiBackendTest {
    private static OpenAiBackend.Config config(java.net.URI url, String key, int maxAttempts, Duration timeout) {
        return new OpenAiBackend.Config(url, "stub", key, OpenAiBackend.Endpoint.CHAT, 32, timeout, maxAttempts,
                Duration.ofMillis(5), Duration.ofMillis(50));
    }

    private static GenerationRequest ask(String text, long seed, int n) {
        return GenerationRequest.of(new Prompt.Chat(List.of(Prompt.Message.user(text))), 32).withSeed(seed).withN(n);
    }

    @Test
    void chatAndRawPromptsGetDeterministicAnswers() throws IOException {
        try (StubServer server = StubServer.start("stub");
             OpenAiBackend client = new OpenAiBackend(config(server.url(), null, 3, Duration.ofSeconds(10)), s -> { })) {
            client.checkModel();
            GenerationResult chat = client.generate(ask("Tell me a joke.", 7, 2)).join();
            assertEquals(List.of(StubServer.answer("Tell me a joke.", 7L, 0), StubServer.answer("Tell me a joke.", 7L, 1)),
                    chat.completions().stream().map(GenerationResult.Completion::text).toList());
            GenerationResult raw = client.generate(new GenerationRequest(new Prompt.Raw("Once upon a time"), 1, 0.0, null, null,
                    3L, 16, List.of("\n"), 2)).join();
            assertEquals(StubServer.answer("Once upon a time", 3L, 0), raw.completions().getFirst().text());
            assertFalse(raw.completions().getFirst().logprobs().isEmpty(), "logprobs were asked for");
            assertTrue(raw.completions().getFirst().logprobs().getFirst().id() != null);
        }
    }

    /** A server that does not stream answers "stream": true with one JSON body; the client takes it as it is. */
    @Test
    void aServerThatIgnoresStreamingIsReadAsAWhole() throws IOException {
        try (StubServer server = StubServer.start("stub");
             OpenAiBackend client = new OpenAiBackend(config(server.url(), null, 1, Duration.ofSeconds(10)).withStream(true, null), s -> { })) {
            assertEquals(StubServer.answer("Hi", 4L, 0), client.generate(ask("Hi", 4, 1)).join().completions().getFirst().text());
        }
    }

    @Test
    void theModelCheckListsWhatTheServerHas() throws IOException {
        try (StubServer server = StubServer.start("llama-3");
             OpenAiBackend client = new OpenAiBackend(config(server.url(), null, 3, Duration.ofSeconds(10)), s -> { })) {
            GenerationException e = assertThrows(GenerationException.class, client::checkModel);
            assertTrue(e.getMessage().contains("\"stub\" is not served") && e.getMessage().contains("llama-3"), e.getMessage());
        }
    }

    @Test
    void nAboveTheServersLimitIsSplitAndSaidOnce() throws IOException {
        List<String> log = new CopyOnWriteArrayList<>();
        try (StubServer server = new StubServer("stub", 0, 1, 0, 1);
             OpenAiBackend client = new OpenAiBackend(config(server.url(), null, 3, Duration.ofSeconds(10)), log::add)) {
            for (int round = 0; round < 3; round++) {
                GenerationResult r = client.generate(ask("Q" + round, 100, 4)).join();
                assertEquals(4, r.completions().size());
                for (int i = 0; i < 4; i++) assertEquals(StubServer.answer("Q" + round, 100L + i, 0), r.completions().get(i).text());
            }
            assertEquals(1, log.size(), log.toString());
            assertTrue(log.getFirst().contains("one request per completion"));
        }
    }

    @Test
    void everyRequestEndsDoneOrFailedUnderFaults() throws IOException {
        int requests = 3000;
        try (StubServer server = new StubServer("stub", 0.2, Integer.MAX_VALUE, 400, 42);
             OpenAiBackend client = new OpenAiBackend(config(server.url(), null, 8, Duration.ofMillis(150)), s -> { })) {
            List<CompletableFuture<GenerationResult>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) futures.add(client.generate(ask("prompt " + i, i, 1)));
            int done = 0;
            int failed = 0;
            for (int i = 0; i < requests; i++) {
                try {
                    GenerationResult r = futures.get(i).join();
                    assertEquals(StubServer.answer("prompt " + i, (long) i, 0), r.completions().getFirst().text(), "no mix-ups");
                    done++;
                } catch (CompletionException e) {
                    assertInstanceOf(GenerationException.class, e.getCause());
                    assertTrue(e.getCause().getMessage().startsWith("gave up after 8 attempts"), e.getCause().getMessage());
                    failed++;
                }
            }
            assertEquals(requests, done + failed);
            assertTrue(server.faultsInjected() > requests / 10, "faults were injected: " + server.faultsInjected());
            assertTrue(client.retries() >= server.faultsInjected() - 10, "faults were retried");
            assertTrue(done > requests * 0.99, "almost all succeed within 8 attempts: " + done);
        }
    }

    @Test
    void clientErrorsAreNotRetriedAndTheKeyNeverShows() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int[] calls = {0};
        server.createContext("/v1/chat/completions", ex -> {
            calls[0]++;
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            byte[] body = ("{\"error\": \"bad key " + auth + "\"}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(401, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try (OpenAiBackend client = new OpenAiBackend(config(java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "sk-secret-123", 5, Duration.ofSeconds(5)), s -> { })) {
            CompletionException e = assertThrows(CompletionException.class, () -> client.generate(ask("x", 1, 1)).join());
            assertEquals(1, calls[0], "a 401 is not retried");
            assertTrue(e.getCause().getMessage().contains("HTTP 401"), e.getCause().getMessage());
            assertFalse(e.getCause().getMessage().contains("sk-secret-123"), e.getCause().getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void retryAfterIsHonoured() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        long[] times = new long[2];
        int[] calls = {0};
        server.createContext("/v1/chat/completions", ex -> {
            ex.getRequestBody().readAllBytes();
            times[Math.min(calls[0], 1)] = System.nanoTime();
            byte[] body;
            if (calls[0]++ == 0) {
                ex.getResponseHeaders().add("Retry-After", "1");
                body = "{}".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(429, body.length);
            } else {
                body = "{\"choices\": [{\"index\": 0, \"message\": {\"content\": \"ok\"}, \"finish_reason\": \"stop\"}]}".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
            }
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        OpenAiBackend.Config c = new OpenAiBackend.Config(java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "stub", null, OpenAiBackend.Endpoint.CHAT, 4, Duration.ofSeconds(5), 3, Duration.ofMillis(1), Duration.ofSeconds(5));
        try (OpenAiBackend client = new OpenAiBackend(c, s -> { })) {
            assertEquals("ok", client.generate(ask("x", 1, 1)).join().completions().getFirst().text());
            assertTrue(times[1] - times[0] >= 900_000_000L, "waited for Retry-After: " + (times[1] - times[0]) / 1e6 + " ms");
        } finally {
            server.stop(0);
        }
    }

    /**
     * A misbehaving server on loopback: it reads each request, then lets the test's handler answer on the raw socket
     * (attempt numbers from 0). It records when each connection's writes started failing, i.e. when the client hung up.
     */
    private static final class RawServer implements AutoCloseable {
        interface Handler {
            void answer(int attempt, java.io.OutputStream out) throws Exception;
        }

        final java.net.ServerSocket socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        final List<Long> hangUps = new CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();

        RawServer(Handler handler) throws IOException {
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        java.net.Socket s = socket.accept();
                        int attempt = attempts.getAndIncrement();
                        Thread.ofVirtual().start(() -> {
                            try (s) {
                                readRequest(s.getInputStream());
                                handler.answer(attempt, s.getOutputStream());
                            } catch (IOException e) {
                                hangUps.add(System.nanoTime());
                            } catch (Exception e) {
                                Thread.currentThread().interrupt();
                            }
                        });
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        java.net.URI url() {
            return java.net.URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        private static void readRequest(java.io.InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) throw new IOException("closed before the request ended");
                head.append((char) c);
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
            if (m.find()) in.readNBytes(Integer.parseInt(m.group(1)));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static final String OK_BODY = "{\"choices\": [{\"index\": 0, \"message\": {\"content\": \"ok\"}, \"finish_reason\": \"stop\"}]}";

    /**
     * Issue 14: a server that sends its headers and then a byte at a time never holds a request past its timeout; the
     * attempt is cancelled (the client hangs up) and retried, and the request fails with the reason.
     */
    @Test
    void theTimeoutCoversTheWholeResponse() throws Exception {
        try (RawServer server = new RawServer((attempt, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + OK_BODY.length() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (int i = 0; i < OK_BODY.length(); i++) {
                out.write(OK_BODY.charAt(i));
                out.flush();
                Thread.sleep(300);
            }
        }); OpenAiBackend client = new OpenAiBackend(config(server.url(), null, 2, Duration.ofSeconds(1)), s -> { })) {
            long start = System.nanoTime();
            CompletionException e = assertThrows(CompletionException.class, () -> client.generate(ask("x", 1, 1)).join());
            long took = System.nanoTime() - start;
            assertTrue(e.getCause().getMessage().contains("gave up after 2 attempts; last: timed out after 1 s (the whole response)"), e.getCause().getMessage());
            assertEquals(2, server.attempts.get());
            // Two attempts of 1 s and a backoff, not the ~30 s the trickle would take.
            assertTrue(took < 10_000_000_000L, "took " + took / 1_000_000 + " ms");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (server.hangUps.size() < 2 && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals(2, server.hangUps.size(), "each timed-out attempt was cancelled: the client closed its connection");
        }
    }

    /** Issue 13: streaming, a server that stops sending counts as a failed attempt after the idle timeout, and is retried. */
    @Test
    void aStreamThatGoesQuietIsRetriedAfterTheIdleTimeout() throws Exception {
        String chunk = "data: {\"choices\": [{\"index\": 0, \"delta\": {\"content\": \"o\"}, \"finish_reason\": null}]}\n\n";
        String last = "data: {\"choices\": [{\"index\": 0, \"delta\": {\"content\": \"k\"}, \"finish_reason\": \"stop\"}]}\n\n"
                + "data: {\"choices\": [], \"usage\": {\"prompt_tokens\": 3, \"completion_tokens\": 2}}\n\ndata: [DONE]\n\n";
        try (RawServer server = new RawServer((attempt, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            out.write(chunk.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (attempt == 0) {
                Thread.sleep(20_000);
                return;
            }
            out.write(last.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }); OpenAiBackend client = new OpenAiBackend(config(server.url(), null, 3, Duration.ofSeconds(60)).withStream(true, Duration.ofMillis(400)), s -> { })) {
            long start = System.nanoTime();
            GenerationResult r = client.generate(ask("x", 1, 1)).join();
            assertEquals("ok", r.completions().getFirst().text());
            assertEquals(2, r.completions().getFirst().completionTokens());
            assertEquals(1, client.retries());
            assertTrue(System.nanoTime() - start < 10_000_000_000L, "the quiet attempt gave up after the idle timeout, not the 60 s timeout");
        }
    }
}
