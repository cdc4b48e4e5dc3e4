package dev.jack.pipeline;

import dev.jack.core.Seeds;
import dev.jack.core.data.DataFileException;
import dev.jack.llm.OpenAiBackend;
import dev.jack.llm.StubServer;
import dev.jack.pipeline.stage.SampleStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jack sample's stage against the stub server: row order, resuming, faults, settings checks. */
class SampleStageTest {
    @TempDir
    Path dir;

    private Path prompts(int count) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("{\"key\": " + (1000 + i) + ", \"prompt\": \"Write about topic " + i + ".\", \"instruction_id_list\": [], \"kwargs\": []}");
        }
        return Files.write(dir.resolve("prompts.jsonl"), lines);
    }

    private SampleStage stage(Path prompts, Path out, double temperature) {
        return new SampleStage(prompts, out, new SampleStage.Options(3, OpenAiBackend.Endpoint.CHAT, null, temperature, null, null, 64, 5, null),
                new ModelOptions("http://127.0.0.1:1", "stub", "OPENAI_API_KEY", 8, 5, 3, false, false, null));
    }

    private static OpenAiBackend client(StubServer server, int maxAttempts) {
        return new OpenAiBackend(new OpenAiBackend.Config(server.url(), "stub", null, OpenAiBackend.Endpoint.CHAT, 8,
                Duration.ofSeconds(5), maxAttempts, Duration.ofMillis(1), Duration.ofMillis(5)), s -> { });
    }

    private SampleStage.Summary sample(StubServer server, Path prompts, Path out, double temperature, int maxAttempts) {
        try (OpenAiBackend c = client(server, maxAttempts)) {
            return stage(prompts, out, temperature).sample(c, (a, b, r, f) -> { }, s -> { });
        }
    }

    @Test
    void writesOneRowPerPromptAndSampleInPromptOrder() throws IOException {
        Path prompts = prompts(20);
        Path out = dir.resolve("samples.jsonl");
        try (StubServer server = StubServer.start("stub")) {
            SampleStage.Summary s = sample(server, prompts, out, 0.7, 3);
            assertEquals(60, s.total());
            assertEquals(60, s.done());
        }
        List<String> rows = Files.readAllLines(out);
        assertEquals(60, rows.size());
        assertTrue(rows.getFirst().startsWith("{\"key\": 1000, \"sample_index\": 0, \"prompt\": \"Write about topic 0.\", \"response\": \"Answer "), rows.getFirst());
        assertTrue(rows.get(5).startsWith("{\"key\": 1001, \"sample_index\": 2,"), rows.get(5));
        assertTrue(rows.getFirst().contains("\"params\": {\"temperature\": 0.7, \"top_p\": null, \"top_k\": null, \"max_tokens\": 64"), rows.getFirst());
        long seed = Seeds.row(5, 1000, 0);
        assertTrue(rows.getFirst().contains(StubServer.answer("Write about topic 0.", seed, 0)), "the row's own seed was sent");
        assertTrue(rows.getFirst().endsWith("\"seed\": " + seed + "}"));
    }

    @Test
    void aRunCutOffMidLineFinishesOnlyWhatIsMissing() throws IOException {
        Path prompts = prompts(20);
        Path full = dir.resolve("full.jsonl");
        Path partial = dir.resolve("partial.jsonl");
        try (StubServer server = StubServer.start("stub")) {
            sample(server, prompts, full, 1.0, 3);
        }
        List<String> rows = Files.readAllLines(full);
        // Rows in another order, as concurrent completion leaves them, then half a line from a kill.
        List<String> kept = new ArrayList<>(rows.subList(0, 25));
        java.util.Collections.reverse(kept);
        Files.writeString(partial, String.join("\n", kept) + "\n" + rows.get(25).substring(0, 40), StandardCharsets.UTF_8);
        try (StubServer server = StubServer.start("stub")) {
            SampleStage.Summary s = sample(server, prompts, partial, 1.0, 3);
            assertEquals(25, s.alreadyDone());
            assertEquals(35, s.done());
            assertEquals(35, server.requests(), "only the missing rows are requested");
        }
        assertEquals(Files.readString(full), Files.readString(partial));
    }

    @Test
    void underFaultsEveryRowEndsWrittenOnceOrListedAsFailed() throws IOException {
        Path prompts = prompts(400);
        Path out = dir.resolve("samples.jsonl");
        SampleStage.Summary s;
        try (StubServer flaky = new StubServer("stub", 0.2, Integer.MAX_VALUE, 0, 9)) {
            s = sample(flaky, prompts, out, 1.0, 8);
        }
        List<String> rows = Files.readAllLines(out);
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (String row : rows) {
            java.util.Map<?, ?> r = (java.util.Map<?, ?>) dev.jack.core.json.Json.parse(row);
            assertTrue(ids.add(r.get("key") + "/" + r.get("sample_index")), "no duplicate: " + row);
        }
        long failed = Files.exists(dir.resolve("samples.jsonl.failed.jsonl")) ? Files.readAllLines(dir.resolve("samples.jsonl.failed.jsonl")).size() : 0;
        assertEquals(1200, rows.size() + failed, "none lost");
        assertEquals(s.done(), rows.size());
        assertTrue(s.retried() > 100, "faults were retried: " + s.retried());
    }

    @Test
    void otherSettingsAreRefused() throws IOException {
        Path prompts = prompts(3);
        Path out = dir.resolve("samples.jsonl");
        try (StubServer server = StubServer.start("stub")) {
            sample(server, prompts, out, 1.0, 3);
            var e = assertThrows(DataFileException.class, () -> sample(server, prompts, out, 0.5, 3));
            assertTrue(e.getMessage().contains(out + ":1: params: this file was sampled with other settings"), e.getMessage());
        }
    }

    @Test
    void aRowWhosePromptChangedIsSampledAgain() throws IOException {
        Path prompts = prompts(3);
        Path out = dir.resolve("samples.jsonl");
        try (StubServer server = StubServer.start("stub")) {
            sample(server, prompts, out, 1.0, 3);
        }
        List<String> before = Files.readAllLines(out);
        Files.writeString(prompts, Files.readString(prompts).replace("topic 1.", "topic one."));
        try (StubServer server = StubServer.start("stub")) {
            SampleStage.Summary s = sample(server, prompts, out, 1.0, 3);
            assertEquals(6, s.alreadyDone());
            assertEquals(3, server.requests(), "only the rows of the changed prompt");
        }
        List<String> after = Files.readAllLines(out);
        assertEquals(9, after.size(), "the old rows of that prompt are gone");
        assertEquals(before.subList(0, 3), after.subList(0, 3));
        assertEquals(before.subList(6, 9), after.subList(6, 9));
        for (String row : after.subList(3, 6)) assertTrue(row.contains("\"prompt\": \"Write about topic one.\""), row);
    }

    @Test
    void aFileThatIsNotASamplesFileIsRefusedUntouched() throws IOException {
        Path prompts = prompts(2);
        Path out = dir.resolve("notes.jsonl");
        for (String foreign : List.of("notes\nlast line without a newline", "{\"key\": 1, \"prompt\": \"x\"}", "{\"key\": \"a\"}\n")) {
            Files.writeString(out, foreign);
            try (StubServer server = StubServer.start("stub")) {
                var e = assertThrows(DataFileException.class, () -> sample(server, prompts, out, 1.0, 3));
                assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
                assertEquals(0, server.requests());
            }
            assertEquals(foreign, Files.readString(out));
        }
    }

    @Test
    void failuresAreRecordedWithReasonsAndRetriedOnRerun() throws IOException {
        Path prompts = prompts(5);
        Path out = dir.resolve("samples.jsonl");
        Path failed = dir.resolve("samples.jsonl.failed.jsonl");
        long failedRows;
        try (StubServer broken = new StubServer("stub", 1.0, Integer.MAX_VALUE, 0, 3)) {
            // Every request gets a fault; a zero-length hang still answers, so a few rows may succeed.
            SampleStage.Summary s = sample(broken, prompts, out, 1.0, 2);
            assertEquals(15, s.failed() + s.done());
            assertTrue(s.failed() >= 10, "most rows failed: " + s.failed());
            failedRows = s.failed();
        }
        List<String> failures = Files.readAllLines(failed);
        assertEquals(failedRows, failures.size());
        assertTrue(failures.getFirst().contains("\"attempts\":") && failures.getFirst().contains("\"reason\": \""), failures.getFirst());
        try (StubServer healthy = StubServer.start("stub")) {
            SampleStage.Summary s = sample(healthy, prompts, out, 1.0, 2);
            assertEquals(failedRows, s.done());
            assertEquals(0, s.failed());
        }
        assertFalse(Files.exists(failed), "no failures left");
        assertEquals(15, Files.readAllLines(out).size());
    }
}
