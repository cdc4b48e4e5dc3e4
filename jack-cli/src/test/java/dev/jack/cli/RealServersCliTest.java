package dev.jack.cli;

import com.sun.net.httpserver.HttpServer;
import dev.jack.core.json.Json;
import dev.jack.llm.EmbeddedBackend;
import dev.jack.llm.OpenAiServer;
import dev.jack.llm.StubServer;
import dev.jack.llm.engine.RandomLlama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 13 on the command line: streaming and its idle timeout, timeouts checked, system prompts in pairs, reasoning in eval. */
class RealServersCliTest {
    @TempDir
    Path dir;

    private final CliHarness cli = new CliHarness(Map.of());

    private Path prompts() throws IOException {
        return Files.writeString(dir.resolve("prompts.jsonl"), "{\"key\": 1, \"prompt\": \"Hi there.\", \"instruction_id_list\": [\"keywords:letter_frequency\"], "
                + "\"kwargs\": [{\"letter\": \"b\", \"let_frequency\": 1, \"let_relation\": \"at least\"}]}\n");
    }

    /**
     * A Python server writes a token the model gives no chance as -Infinity (not JSON): the sample row holds -9999.0
     * instead, as vLLM sends it; a logprob that is not a number is written as null. No output holds NaN or Infinity.
     */
    @Test
    void nonFiniteLogprobsNeverReachAnOutputFile() throws IOException {
        HttpServer python = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        python.createContext("/", exchange -> {
            byte[] body = ("{\"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": \"bb\"}, \"finish_reason\": \"stop\", "
                    + "\"logprobs\": {\"content\": [{\"token\": \"bb\", \"logprob\": -Infinity, \"top_logprobs\": [{\"token\": \"bb\", \"logprob\": -Infinity}, "
                    + "{\"token\": \"b\", \"logprob\": NaN}]}]}}], \"usage\": {\"prompt_tokens\": 3, \"completion_tokens\": 1}}").getBytes();
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        python.start();
        try {
            Path samples = dir.resolve("samples.jsonl");
            assertEquals(0, cli.jack("sample", "--prompts", prompts().toString(), "--backend", "http://127.0.0.1:" + python.getAddress().getPort(),
                    "--model", "m", "--no-model-check", "--n", "1", "--logprobs", "2", "--out", samples.toString()), cli.err());
            Path scored = dir.resolve("scored.jsonl");
            assertEquals(0, cli.jack("score", "--prompts", prompts().toString(), "--samples", samples.toString(), "--out", scored.toString()), cli.err());
            for (Path out : List.of(samples, scored)) {
                String text = Files.readString(out);
                assertFalse(text.contains("Infinity") || text.contains("NaN"), text);
                Map<?, ?> token = (Map<?, ?>) ((List<?>) ((Map<?, ?>) Json.parse(text.strip())).get("logprobs")).getFirst();
                assertEquals(-9999.0, token.get("logprob"));
                List<?> top = (List<?>) token.get("top");
                assertEquals(-9999.0, ((Map<?, ?>) top.get(0)).get("logprob"));
                assertEquals(null, ((Map<?, ?>) top.get(1)).get("logprob"));
            }
        } finally {
            python.stop(0);
        }
    }

    @Test
    void aHungServerFailsAStreamingAttemptAfterTheIdleTimeoutNotTheTimeout() throws IOException {
        HttpServer hung = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hung.createContext("/", exchange -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        hung.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        hung.start();
        try {
            Path out = dir.resolve("samples.jsonl");
            long start = System.nanoTime();
            int code = cli.jack("sample", "--prompts", prompts().toString(), "--backend", "http://127.0.0.1:" + hung.getAddress().getPort(),
                    "--model", "m", "--no-model-check", "--n", "1", "--out", out.toString(), "--stream", "--idle-timeout", "0.3", "--timeout", "60",
                    "--max-attempts", "2");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(3, code, cli.err());
            assertTrue(seconds < 30, "two idle timeouts of 0.3 s, not a 60 s timeout: " + seconds + " s");
            String failed = Files.readString(dir.resolve("samples.jsonl.failed.jsonl"));
            assertTrue(failed.contains("idle timeout"), failed);
        } finally {
            hung.stop(0);
        }
    }

    @Test
    void streamingGivesTheSameSamplesAsOneBody() throws IOException {
        Path model = dir.resolve("tiny-q8_0.gguf");
        RandomLlama.write(model, RandomLlama.Shape.tiny(), 0, "jack tiny");
        try (EmbeddedBackend engine = EmbeddedBackend.open(model, 2)) {
            OpenAiServer server = new OpenAiServer(engine, "127.0.0.1", 0, null, 64);
            try {
                Path plain = dir.resolve("plain.jsonl");
                Path streamed = dir.resolve("streamed.jsonl");
                for (Path out : List.of(plain, streamed)) {
                    List<String> args = new java.util.ArrayList<>(List.of("sample", "--prompts", prompts().toString(), "--backend", server.url().toString(),
                            "--model", "tiny-q8_0", "--n", "3", "--max-tokens", "12", "--out", out.toString()));
                    if (out == streamed) args.addAll(List.of("--stream", "--idle-timeout", "30"));
                    assertEquals(0, cli.jack(args.toArray(String[]::new)), cli.err());
                }
                assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(streamed));
            } finally {
                server.stop(0);
            }
        }
    }

    @Test
    void aTimeoutIsAFiniteNumberOfSeconds() throws IOException {
        for (String[] bad : List.of(new String[] {"--timeout", "0"}, new String[] {"--timeout", "-5"}, new String[] {"--timeout", "Infinity"},
                new String[] {"--timeout", "NaN"}, new String[] {"--idle-timeout", "0"})) {
            int code = cli.jack("sample", "--prompts", prompts().toString(), "--backend", "http://127.0.0.1:1", "--model", "m", "--out",
                    dir.resolve("s.jsonl").toString(), bad[0], bad[1]);
            assertEquals(2, code, String.join(" ", bad));
            assertEquals(1, cli.err().strip().lines().count(), cli.err());
            assertTrue(cli.err().startsWith("jack: error: " + bad[0] + ": expected a number from 0.001 to 1000000000, got "), cli.err());
        }
    }

    @Test
    void pairsOfSamplesDrawnWithASystemPromptHoldItAsTheirFirstTurn() throws IOException {
        Path samples = dir.resolve("samples.jsonl");
        Path scored = dir.resolve("scored.jsonl");
        try (StubServer server = StubServer.start("stub")) {
            assertEquals(0, cli.jack("sample", "--prompts", prompts().toString(), "--backend", server.url().toString(), "--model", "stub", "--n", "8",
                    "--system", "You are a pirate.", "--out", samples.toString()), cli.err());
        }
        assertEquals(0, cli.jack("score", "--prompts", prompts().toString(), "--samples", samples.toString(), "--out", scored.toString()), cli.err());
        Path pairs = dir.resolve("pairs.jsonl");
        assertEquals(0, cli.jack("curate", "rs", "--scored", scored.toString(), "--out", pairs.toString(), "--format", "messages"), cli.err());
        List<String> rows = Files.readAllLines(pairs);
        assertFalse(rows.isEmpty(), "the stub's answers differ in their letter b: " + cli.out());
        for (String line : rows) {
            List<?> prompt = (List<?>) ((Map<?, ?>) Json.parse(line)).get("prompt");
            assertEquals(List.of(Map.of("role", "system", "content", "You are a pirate."), Map.of("role", "user", "content", "Hi there.")), prompt);
        }
        Path strings = dir.resolve("strings.jsonl");
        assertEquals(2, cli.jack("curate", "rs", "--scored", scored.toString(), "--out", strings.toString()));
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
        assertTrue(cli.err().contains("--system") && cli.err().contains("use --format messages"), cli.err());
        assertFalse(Files.exists(strings));
    }

    @Test
    void evalChecksTheWholeResponseUnlessToldToStripTheThinking() throws IOException {
        Path input = Files.writeString(dir.resolve("input.jsonl"), "{\"key\": 1, \"prompt\": \"No commas.\", \"instruction_id_list\": "
                + "[\"punctuation:no_comma\"], \"kwargs\": [{}]}\n");
        Path responses = Files.writeString(dir.resolve("responses.jsonl"), "{\"key\": 1, \"prompt\": \"No commas.\", \"response\": "
                + "\"<think>Well, no commas then.</think>\\n\\nHere it is without any\"}\n");
        assertEquals(0, cli.jack("eval", "--responses", responses.toString(), "--input-data", input.toString(), "--output-dir", dir.resolve("exact").toString()));
        assertEquals(0.0, accuracy(dir.resolve("exact")), "reference-exact: the thinking's comma counts");
        assertEquals(0, cli.jack("eval", "--responses", responses.toString(), "--input-data", input.toString(), "--output-dir",
                dir.resolve("stripped").toString(), "--strip-thinking"));
        assertEquals(1.0, accuracy(dir.resolve("stripped")));
        Map<?, ?> row = (Map<?, ?>) Json.parse(Files.readAllLines(dir.resolve("stripped/eval_results_strict.jsonl")).getFirst());
        assertEquals("Here it is without any", row.get("response"), "the results hold the response as checked");
    }

    private static double accuracy(Path dir) throws IOException {
        Map<?, ?> summary = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("summary.json")));
        return (Double) ((Map<?, ?>) summary.get("prompt_level_strict")).get("accuracy");
    }
}
