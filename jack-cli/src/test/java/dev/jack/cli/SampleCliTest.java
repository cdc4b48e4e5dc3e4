package dev.jack.cli;

import dev.jack.llm.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleCliTest {
    @TempDir
    Path dir;

    private Path prompts(int count) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) lines.add("{\"key\": " + i + ", \"prompt\": \"Prompt number " + i + "\", \"instruction_id_list\": [], \"kwargs\": []}");
        return Files.write(dir.resolve("prompts.jsonl"), lines);
    }

    private String[] args(StubServer server, Path prompts, Path out) {
        return new String[] {"sample", "--prompts", prompts.toString(), "--backend", server.url().toString(), "--model", "stub",
                "--n", "4", "--out", out.toString(), "--concurrency", "4", "--seed", "11", "--max-tokens", "32"};
    }

    @Test
    void killedAgainAndAgainItStillEndsWithTheSameFile() throws Exception {
        Path prompts = prompts(100);
        Path reference = dir.resolve("reference.jsonl");
        Path resumed = dir.resolve("resumed.jsonl");
        try (StubServer server = StubServer.start("stub")) {
            StringWriter err = new StringWriter();
            assertEquals(0, Main.run(args(server, prompts, reference), new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of()), err.toString());
            // Slow answers make a run take several seconds, so every kill lands mid-run.
            server.delay(40);
            Random random = new Random(3);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(List.of(args(server, prompts, resumed)));
            int kills = 0;
            for (int round = 0; round < 6 && kills < 3; round++) {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(800 + random.nextInt(1200), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor();
                    kills++;
                }
            }
            assertTrue(kills >= 2, "the run was interrupted several times");
            server.delay(0);
            StringWriter out = new StringWriter();
            assertEquals(0, Main.run(args(server, prompts, resumed), new PrintWriter(out), new PrintWriter(err), Map.of()), err.toString());
            assertTrue(out.toString().contains("400 total"), out.toString());
        }
        assertEquals(Files.readString(reference), Files.readString(resumed));
        assertEquals(400, Files.readAllLines(resumed).size());
    }

    /** A fleet of three servers, one of them down and one failing 20% of requests, writes the file one server writes. */
    @Test
    void aFleetWithADeadAndAFaultyServerWritesTheSameFile() throws Exception {
        Path prompts = prompts(60);
        Path reference = dir.resolve("reference.jsonl");
        Path fleet = dir.resolve("fleet.jsonl");
        StringWriter err = new StringWriter();
        try (StubServer one = StubServer.start("stub"); StubServer faulty = new StubServer("stub", 0.2, Integer.MAX_VALUE, 3000, 5);
             java.net.Socket dead = new java.net.Socket()) {
            dead.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            assertEquals(0, Main.run(args(one, prompts, reference), new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of()), err.toString());
            String[] args = args(one, prompts, fleet);
            args[4] = one.url() + ",http://127.0.0.1:" + dead.getLocalPort() + "," + faulty.url();
            List<String> withTimeout = new ArrayList<>(List.of(args));
            withTimeout.addAll(List.of("--timeout", "1"));
            StringWriter out = new StringWriter();
            assertEquals(0, Main.run(withTimeout.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), Map.of()), err.toString());
            assertTrue(out.toString().contains("240 total"), out.toString());
            assertTrue(err.toString().contains("127.0.0.1:" + dead.getLocalPort() + "/v1 taken out of service"), err.toString());
            assertTrue(faulty.requests() > 20, "the faulty server took part: " + faulty.requests());
        }
        assertEquals(Files.readString(reference), Files.readString(fleet));
    }

    @Test
    void unreachableServersAndUnknownModelsAreUserErrors() throws IOException {
        Path prompts = prompts(2);
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"sample", "--prompts", prompts.toString(), "--backend", "http://127.0.0.1:9", "--model", "m",
                "--out", dir.resolve("o.jsonl").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of("OPENAI_API_KEY", "sk-hidden"));
        assertEquals(2, code);
        assertTrue(err.toString().contains("cannot reach http://127.0.0.1:9/v1"), err.toString());
        assertFalse(err.toString().contains("sk-hidden"));
        try (StubServer server = StubServer.start("other")) {
            code = Main.run(new String[] {"sample", "--prompts", prompts.toString(), "--backend", server.url().toString(), "--model", "m",
                    "--out", dir.resolve("o.jsonl").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of());
            assertEquals(2, code);
            assertTrue(err.toString().contains("it serves [other]"), err.toString());
        }
    }
}
