package dev.jack.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `jack serve` as its own process: `jack sample` uses it, under the model name given to both, with a bearer token; SIGTERM stops it cleanly. */
class ServeCliTest {
    @TempDir
    Path dir;

    @Test
    void sampleAgainstServeThenSigterm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--model", "tiny", "--port", "0", "--api-key-env", "SERVE_KEY", "--threads", "2");
        builder.environment().put("JACK_CACHE_DIR", dir.resolve("cache").toString());
        builder.environment().put("SERVE_KEY", "s3cret-key");
        builder.redirectErrorStream(true);
        Process server = builder.start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line;
            URI url = null;
            StringBuilder seen = new StringBuilder();
            while (url == null && (line = lines.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.startsWith("serving ")) url = URI.create(line.split(" ")[3].replaceAll("/v1$", ""));
            }
            assertTrue(url != null, "no serving line in:\n" + seen);
            assertTrue(seen.toString().contains("random weights"), seen.toString());
            assertTrue(seen.toString().contains("serving tiny on "), "served under the name it was given: " + seen);
            assertFalse(seen.toString().contains("s3cret-key"));

            Path prompts = dir.resolve("prompts.jsonl");
            Files.write(prompts, List.of("{\"key\": 1, \"prompt\": \"Say hi.\"}", "{\"key\": 2, \"prompt\": \"Count to three.\"}"));
            Path out = dir.resolve("samples.jsonl");
            StringWriter err = new StringWriter();
            StringWriter console = new StringWriter();
            int code = Main.run(new String[] {"sample", "--prompts", prompts.toString(), "--backend", url.toString(), "--model", "tiny",
                    "--n", "2", "--max-tokens", "8", "--api-key-env", "SERVE_KEY", "--out", out.toString()},
                    new PrintWriter(console), new PrintWriter(err), Map.of("SERVE_KEY", "s3cret-key"));
            assertEquals(0, code, err.toString());
            assertEquals(4, Files.readAllLines(out).size());
            assertTrue(Files.readString(out).contains("\"completion_tokens\": 8"), Files.readString(out));

            StringWriter refused = new StringWriter();
            assertEquals(2, Main.run(new String[] {"sample", "--prompts", prompts.toString(), "--backend", url.toString(), "--model", "tiny",
                    "--api-key-env", "SERVE_KEY", "--out", dir.resolve("o2.jsonl").toString()},
                    new PrintWriter(new StringWriter()), new PrintWriter(refused), Map.of("SERVE_KEY", "wrong")));
            assertTrue(refused.toString().contains("401"), refused.toString());

            server.destroy();
            assertTrue(server.waitFor(20, TimeUnit.SECONDS), "jack serve did not stop on SIGTERM");
            URI stopped = url;
            assertThrows(ConnectException.class, () -> new Socket(stopped.getHost(), stopped.getPort()).close());
        } finally {
            server.destroyForcibly();
        }
    }
}
