package dev.jack.llm;

import com.sun.net.httpserver.HttpServer;
import dev.jack.core.UserException;
import dev.jack.core.data.DataLocations;
import dev.jack.llm.engine.RandomLlama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** hf:// models against a local server that announces size and SHA-256 as Hugging Face does, and breaks off once. */
class ModelDownloaderTest {
    @TempDir
    Path dir;

    private HttpServer serve(byte[] file, String sha256, AtomicBoolean breakNext, List<String> ranges) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", ex -> {
            try (ex) {
                if (!ex.getRequestURI().getPath().equals("/owner/repo/resolve/main/m.gguf")) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                if (ex.getRequestMethod().equals("HEAD")) {
                    ex.getResponseHeaders().add("X-Linked-Size", String.valueOf(file.length));
                    ex.getResponseHeaders().add("X-Linked-Etag", "\"" + sha256 + "\"");
                    ex.sendResponseHeaders(200, -1);
                    return;
                }
                String range = ex.getRequestHeaders().getFirst("Range");
                ranges.add(String.valueOf(range));
                int start = range == null ? 0 : Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
                ex.sendResponseHeaders(range == null ? 200 : 206, file.length - start);
                OutputStream out = ex.getResponseBody();
                if (breakNext.getAndSet(false)) {
                    out.write(file, start, (file.length - start) / 2);
                    out.flush();
                    throw new IOException("connection dropped on purpose");
                }
                out.write(file, start, file.length - start);
                out.close();
            }
        });
        server.start();
        return server;
    }

    @Test
    void aBrokenDownloadResumesAndIsVerified() throws Exception {
        Path source = dir.resolve("source.gguf");
        RandomLlama.write(source, RandomLlama.Shape.tiny(), 4, "download test");
        byte[] file = Files.readAllBytes(source);
        List<String> ranges = new CopyOnWriteArrayList<>();
        HttpServer server = serve(file, ModelDownloader.sha256(source), new AtomicBoolean(true), ranges);
        try {
            ModelFiles data = new ModelFiles(new DataLocations(Map.of("JACK_CACHE_DIR", dir.resolve("cache").toString(),
                    "JACK_HF_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort())));
            StringBuilder log = new StringBuilder();
            UserException broken = assertThrows(UserException.class, () -> data.resolve("hf://owner/repo/m.gguf", l -> log.append(l).append('\n')));
            assertTrue(broken.getMessage().contains("rerun to resume"), broken.getMessage());
            Path partial = dir.resolve("cache/models/hf/owner/repo/m.gguf.partial");
            long kept = Files.size(partial);
            assertTrue(kept > 0 && kept < file.length, "kept " + kept);

            Path model = data.resolve("hf://owner/repo/m.gguf", l -> log.append(l).append('\n'));
            assertArrayEquals(file, Files.readAllBytes(model));
            assertEquals(List.of("null", "bytes=" + kept + "-"), ranges);
            assertFalse(Files.exists(partial));
            assertTrue(log.toString().contains("resuming at"), log.toString());
            assertEquals(model, data.resolve("hf://owner/repo/m.gguf", l -> log.append(l).append('\n')), "a cached file is not fetched again");
            assertEquals(2, ranges.size());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aChecksumMismatchLeavesNothingBehind() throws Exception {
        byte[] file = "not really a model".getBytes();
        HttpServer server = serve(file, "ab".repeat(32), new AtomicBoolean(false), new CopyOnWriteArrayList<>());
        try {
            ModelFiles data = new ModelFiles(new DataLocations(Map.of("JACK_CACHE_DIR", dir.resolve("cache").toString(),
                    "JACK_HF_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort())));
            UserException e = assertThrows(UserException.class, () -> data.resolve("hf://owner/repo/m.gguf", l -> { }));
            assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
            try (var files = Files.list(dir.resolve("cache/models/hf/owner/repo"))) {
                assertEquals(0, files.count());
            }
            UserException bad = assertThrows(UserException.class, () -> data.resolve("hf://owner/m.gguf", l -> { }));
            assertTrue(bad.getMessage().contains("expected hf://OWNER/REPO/FILE.gguf"), bad.getMessage());
        } finally {
            server.stop(0);
        }
    }
}
