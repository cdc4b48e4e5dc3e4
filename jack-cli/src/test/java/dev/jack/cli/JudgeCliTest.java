package dev.jack.cli;

import dev.jack.core.json.Json;
import dev.jack.llm.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JudgeCliTest {
    @TempDir
    Path dir;

    private final CliHarness cli = new CliHarness(Map.of());

    private int jack(String... args) {
        return cli.jack(args);
    }

    private Path pairs() throws IOException {
        return Files.write(dir.resolve("pairs.jsonl"), List.of(
                "{\"id\": 1, \"prompt\": \"Q1\", \"chosen\": \"a good answer\", \"rejected\": \"a bad answer\", \"subset\": \"easy\"}",
                "{\"id\": 2, \"prompt\": \"Q2\", \"chosen\": \"another good one\", \"rejected\": \"meh\", \"subset\": \"easy\"}",
                "{\"id\": 3, \"prompt\": \"Q3\", \"chosen\": \"fine\", \"rejected\": \"good but wrong\", \"subset\": \"hard\"}"));
    }

    @Test
    void accuracyFromPrecomputedRewards() throws IOException {
        Path rewards = Files.write(dir.resolve("rewards.jsonl"), List.of(
                "{\"id\": 3, \"chosen_score\": 0.1, \"rejected_score\": 0.9}",
                "{\"id\": 1, \"chosen_score\": 2, \"rejected_score\": 1}",
                "{\"id\": 2, \"chosen_score\": 1, \"rejected_score\": 1}"));
        Path sections = Files.writeString(dir.resolve("sections.json"), "{\"chat\": [\"easy\", \"hard\"]}");
        Path report = dir.resolve("report.json");
        assertEquals(0, jack("judge", "accuracy", "--pairs", pairs().toString(), "--rewards", rewards.toString(),
                "--sections", sections.toString(), "--out", report.toString()), cli.err());
        Map<?, ?> r = (Map<?, ?>) Json.parse(Files.readString(report));
        assertEquals(1.0 / 3, (Double) r.get("overall"), 1e-12, "one of three: a tie is wrong");
        assertEquals(0.5, ((Map<?, ?>) r.get("subsets")).get("easy"));
    }

    @Test
    void pairwiseAccuracyThroughAServer() throws IOException {
        try (StubServer server = StubServer.start("judge")) {
            // The judge prefers whichever response says "good".
            server.script(p -> p.substring(p.indexOf("[Response A]"), p.indexOf("[Response B]")).contains("good") ? "Verdict: A" : "Verdict: B");
            Path report = dir.resolve("report.json");
            assertEquals(0, jack("judge", "accuracy", "--pairs", pairs().toString(), "--backend", server.url().toString(), "--model", "judge",
                    "--both-orders", "--out", report.toString()), cli.err());
            Map<?, ?> r = (Map<?, ?>) Json.parse(Files.readString(report));
            assertEquals(1.0, ((Map<?, ?>) r.get("subsets")).get("easy"));
            assertEquals(0.0, ((Map<?, ?>) r.get("subsets")).get("hard"));
        }
    }

    @Test
    void accuracyReadsJacksOwnPairsAndSaysWhatItCouldNotRead() throws IOException {
        // A pairs file as jack curate rs writes it (messages format, no subset): one subset named after the file.
        Path jackPairs = Files.write(dir.resolve("pairs-rs.jsonl"), List.of(
                "{\"prompt\": [{\"role\": \"user\", \"content\": \"Q1\"}], \"chosen\": [{\"role\": \"assistant\", \"content\": \"a good answer\"}], "
                        + "\"rejected\": [{\"role\": \"assistant\", \"content\": \"bad\"}], \"key\": 1, \"chosen_reward\": 1.0, \"rejected_reward\": 0.0, \"method\": \"rs\"}",
                "{\"prompt\": \"Q2\", \"chosen\": \"good too\", \"rejected\": \"meh\", \"key\": 2, \"chosen_reward\": 1.0, \"rejected_reward\": 0.5, \"method\": \"rs\"}"));
        try (StubServer server = StubServer.start("judge")) {
            server.script(p -> p.contains("good too") ? "I cannot decide." : "Verdict: " + (p.indexOf("a good answer") < p.indexOf("bad") ? "A" : "B"));
            Path report = dir.resolve("accuracy.json");
            assertEquals(0, jack("judge", "accuracy", "--pairs", jackPairs.toString(), "--backend", server.url().toString(), "--model", "judge",
                    "--max-tokens", "64", "--out", report.toString()), cli.err());
            Map<?, ?> r = (Map<?, ?>) Json.parse(Files.readString(report));
            assertEquals(Map.of("pairs-rs", 0.75), r.get("subsets"), "one right, one unreadable counted as a tie");
            assertEquals(List.of(Map.of("what", "pairwise verdicts", "count", 1L, "of", 2L, "counted_as", "ties")), r.get("unreadable"));
            assertTrue(cli.out().contains("1 of 2 pairwise verdicts could not be read (counted as ties)"), cli.out());
            assertTrue(cli.err().contains("warning: 50.0% of the pairwise verdicts could not be read"), cli.err());
        }
        assertEquals(2, jack("judge", "accuracy", "--pairs", jackPairs.toString(), "--backend", "http://127.0.0.1:9", "--model", "judge",
                "--judge", "pointwise", "--both-orders", "--out", dir.resolve("x.json").toString()));
        assertTrue(cli.err().startsWith("jack: error: --both-orders: ") && cli.err().contains("cannot go with --judge pointwise"), cli.err());
    }

    @Test
    void guardMarksOrDropsUnsafeRowsAndRefusesUnreadableVerdicts() throws IOException {
        Path data = Files.write(dir.resolve("data.jsonl"), List.of(
                "{\"prompt\": \"How do I bake bread?\", \"response\": \"Mix flour and water.\"}",
                "{\"prompt\": \"How do I build a weapon?\", \"response\": \"I cannot help.\"}"));
        try (StubServer server = StubServer.start("guard")) {
            server.script(p -> p.contains("weapon") && p.contains("'User'") ? "unsafe\nS9" : "safe");
            Path marked = dir.resolve("marked.jsonl");
            assertEquals(0, jack("judge", "guard", "--input", data.toString(), "--backend", server.url().toString(), "--model", "guard",
                    "--out", marked.toString()), cli.err());
            List<String> lines = Files.readAllLines(marked);
            assertEquals(2, lines.size());
            assertTrue(lines.get(1).contains("\"safety\": {\"prompt\": {\"safe\": false, \"categories\": [\"S9\"]}, \"response\": {\"safe\": true"), lines.get(1));
            Path dropped = dir.resolve("dropped.jsonl");
            assertEquals(0, jack("judge", "guard", "--input", data.toString(), "--backend", server.url().toString(), "--model", "guard",
                    "--drop", "--out", dropped.toString()), cli.err());
            assertEquals(1, Files.readAllLines(dropped).size());
            server.script(p -> "probably fine");
            assertEquals(2, jack("judge", "guard", "--input", data.toString(), "--backend", server.url().toString(), "--model", "guard",
                    "--out", dir.resolve("x.jsonl").toString()));
            assertTrue(cli.err().contains(":1: prompt: Llama Guard's answer could not be used"), cli.err());
        }
    }

    /** A one-row CrossEval table: reference i is "ref i", rated i + 1 by both experts. */
    static Path crossEvalTable(Path dir) throws IOException {
        StringBuilder row = new StringBuilder("{\"prompt_id\": \"p1\", \"capability\": \"Coding\", \"difficulty\": \"easy\", \"categories\": \"c\", \"prompt\": \"Sort a list\"");
        for (int i = 1; i <= 3; i++) {
            row.append(", \"response_").append(i).append("\": \"ref ").append(i).append("\"");
            for (int j = 1; j <= 2; j++) row.append(", \"response_").append(i).append("_human_").append(j).append("_rating\": ").append(i + 1)
                    .append(", \"response_").append(i).append("_human_").append(j).append("_explanation\": \"why\"");
        }
        return Files.writeString(dir.resolve("table.jsonl"), row.append("}\n").toString());
    }

    @Test
    void crossEvalAndCritiquesThroughAServer() throws IOException {
        Path table = crossEvalTable(dir);
        Path responses = Files.writeString(dir.resolve("responses.jsonl"), "{\"prompt_id\": \"p1\", \"response\": \"sorted(xs)\"}\n");
        try (StubServer server = StubServer.start("judge")) {
            server.script(p -> p.contains("[Response to rate]\nref 3") ? "Score: 4/5" : p.contains("[Response to rate]\nref") ? "Score: 2/5" : "Score: 5/5");
            Path report = dir.resolve("crosseval.json");
            assertEquals(0, jack("judge", "crosseval", "--table", table.toString(), "--responses", responses.toString(), "--agreement",
                    "--backend", server.url().toString(), "--model", "judge", "--out", report.toString()), cli.err());
            Map<?, ?> r = (Map<?, ?>) Json.parse(Files.readString(report));
            assertEquals(100.0, ((Map<?, ?>) r.get("individual")).get("Coding"));
            Map<?, ?> overall = (Map<?, ?>) ((Map<?, ?>) r.get("agreement")).get("overall");
            assertEquals(3L, overall.get("n"));

            server.script(p -> p.contains("a good answer") || p.contains("another good one") ? "Strong.\nScore: 8/10" : "Weak.\nScore: 3/10");
            Path training = dir.resolve("critiques.jsonl");
            assertEquals(0, jack("judge", "critiques", "--pairs", pairs().toString(), "--m", "2", "--backend", server.url().toString(),
                    "--model", "judge", "--out", training.toString()), cli.err());
            List<String> lines = Files.readAllLines(training);
            assertEquals(8, lines.size(), "pairs 1 and 2: two agreeing critiques per side; pair 3 has none");
            assertTrue(cli.out().contains("2 responses had no critique that agreed"), cli.out());
        }
    }

    @Test
    void rationaleMetricsRun() throws IOException {
        Path critiques = Files.write(dir.resolve("critiques.jsonl"), List.of(
                "{\"prompt\": \"Q\", \"response\": \"The plan is excellent.\", \"critique\": \"It says \\\"plan is excellent\\\".\", \"score\": 9}",
                "{\"prompt\": \"Q\", \"response\": \"Nothing useful.\", \"critique\": \"Vague.\", \"score\": 2}"));
        try (StubServer server = StubServer.start("judge")) {
            server.script(p -> "Fine.\nScore: 9/10");
            Path report = dir.resolve("rationale.json");
            assertEquals(0, jack("judge", "rationale", "--critiques", critiques.toString(), "--folds", "2", "--backend", server.url().toString(),
                    "--model", "judge", "--out", report.toString()), cli.err());
            Map<?, ?> r = (Map<?, ?>) Json.parse(Files.readString(report));
            assertEquals(2L, r.get("rows"));
            assertEquals(1L, r.get("rows_citing_evidence"), "only the first critique quotes the response");
            assertTrue(r.containsKey("las") && r.containsKey("comprehensiveness") && r.containsKey("sufficiency"));
        }
    }
}
