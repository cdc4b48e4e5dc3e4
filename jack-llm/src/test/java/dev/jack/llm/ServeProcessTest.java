package dev.jack.llm;

import dev.jack.core.json.Json;
import dev.jack.llm.engine.RandomLlama;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: {@code jack serve} stays up and bounded, in a process of its own limited to 256 file descriptors: partial
 * requests are dropped after the request time limit, a flood of connections that send partial headers and close leaves
 * it answering, and SIGTERM ends it within 2 s while a generation is running.
 */
class ServeProcessTest {
    private static final int DESCRIPTORS = 256;
    /** The request time limit the process runs with (the JDK server's own setting), short so that the test is quick. */
    private static final int REQUEST_SECONDS = 2;

    @Test
    void survivesPartialRequestsAndAConnectionFloodAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")) && Files.isDirectory(Path.of("/proc/self/fd")), "needs bash and /proc");
        Path model = dir.resolve("tiny.gguf");
        RandomLlama.write(model, RandomLlama.Shape.tiny(), 0, "tiny");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("/bin/bash", "-c", "ulimit -n " + DESCRIPTORS + " && exec \"$@\"", "serve",
                java, "--add-modules", "jdk.incubator.vector", "-Dsun.net.httpserver.maxReqTime=" + REQUEST_SECONDS,
                "-cp", System.getProperty("java.class.path"), ServeFixture.class.getName(), model.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            URI url = URI.create(firstLine(output, "http://"));
            String limits = output.readLine();
            Thread.ofVirtual().start(() -> output.lines().forEach(line -> { }));
            int port = url.getPort();

            // Partial headers, and a partial body, are dropped after the request time limit.
            List<Socket> partial = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Socket s = connect(port);
                String head = i % 2 == 0 ? "POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Le"
                        : "POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"prompt\"";
                s.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                partial.add(s);
            }
            for (Socket s : partial) {
                s.setSoTimeout((REQUEST_SECONDS + 8) * 1000);
                try (s; InputStream in = s.getInputStream()) {
                    assertTrue(in.readAllBytes().length >= 0, "closed by the server");
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("a partial request was still open after " + (REQUEST_SECONDS + 8) + " s (" + limits + ")");
                } catch (IOException reset) {
                    // A reset is the server closing too.
                }
            }

            // A 100 MB body is refused from its Content-Length, before any of it is read.
            try (Socket s = connect(port)) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(("POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 104857600\r\n\r\n{\"prompt\": \"").getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
                assertEquals("HTTP/1.1 413 Request Entity Too Large", status);
            }

            // 1,100 connections, up to 300 open at once (more than the process's descriptors), sending partial headers and closing;
            // every tenth sends a whole request, so that requests are handled while descriptors run short.
            int refused = 0;
            for (int round = 0; round < 4; round++) {
                List<Socket> open = new ArrayList<>();
                for (int i = 0; i < (round < 3 ? 300 : 200); i++) {
                    try {
                        Socket s = connect(port);
                        open.add(s);
                        OutputStream out = s.getOutputStream();
                        out.write(("GET /v1/models HTTP/1.1\r\nHost: x\r\n" + (i % 10 == 0 ? "\r\n" : "X-Partial: ")).getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    } catch (IOException e) {
                        refused++;
                    }
                }
                for (Socket s : open) s.close();
            }

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/models")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, models.statusCode(), "answering after the flood (" + refused + " connections refused; " + limits + ")");
            HttpResponse<String> completion = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"Hello\", \"max_tokens\": 3}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, completion.statusCode(), completion.body());
            assertTrue(((Map<?, ?>) Json.parse(completion.body())).get("choices") instanceof List<?>);

            // SIGTERM while a long generation streams: the process ends within 2 s.
            HttpResponse<java.util.stream.Stream<String>> stream = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"Go\", \"max_tokens\": 8000, \"stream\": true}")).build(),
                    HttpResponse.BodyHandlers.ofLines());
            // The stream ends, whole or cut when its connection closes.
            CompletableFuture<Boolean> ended = CompletableFuture.supplyAsync(() -> stream.body().count()).handle((n, cut) -> true);
            long start = System.nanoTime();
            process.destroy();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the server exited");
            long took = System.nanoTime() - start;
            assertTrue(took < 2_000_000_000L, "SIGTERM took " + took / 1_000_000 + " ms");
            assertTrue(ended.get(10, TimeUnit.SECONDS), "the stream ended");
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    private static String firstLine(BufferedReader output, String prefix) throws IOException {
        List<String> seen = new ArrayList<>();
        for (String line; (line = output.readLine()) != null; ) {
            if (line.startsWith(prefix)) return line.strip();
            seen.add(line);
        }
        throw new AssertionError("the server did not start: " + seen);
    }
}
