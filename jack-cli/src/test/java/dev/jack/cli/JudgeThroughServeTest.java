package dev.jack.cli;

import dev.jack.core.json.Json;
import dev.jack.llm.EmbeddedBackend;
import dev.jack.llm.OpenAiServer;
import dev.jack.llm.engine.RandomLlama;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every judge end to end through the OpenAI-compatible server that {@code jack serve} runs, on the embedded tiny
 * model, with a bearer token. The model's text is noise, so these tests check the plumbing and how each judge
 * treats answers it cannot read: a tie for pairwise accuracy, a wrong answer for pointwise, an error (never
 * "safe") for Llama Guard, a dropped item for critiques, and "unscored after 5 attempts" for CrossEval.
 */
class JudgeThroughServeTest {
    @TempDir
    static Path dir;

    private static EmbeddedBackend engine;
    private static OpenAiServer server;
    private StringWriter out;
    private StringWriter err;

    @BeforeAll
    static void serve() throws IOException {
        Path model = dir.resolve("tiny-q8_0.gguf");
        RandomLlama.write(model, RandomLlama.Shape.tiny(), 0, "jack tiny");
        engine = EmbeddedBackend.open(model, 2);
        server = new OpenAiServer(engine, "127.0.0.1", 0, "judge-key", 64);
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        engine.close();
    }

    private int judge(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("judge"));
        all.addAll(List.of(args));
        all.addAll(List.of("--backend", server.url().toString(), "--model", "tiny-q8_0", "--api-key-env", "JUDGE_KEY", "--max-attempts", "1"));
        return Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true), Map.of("JUDGE_KEY", "judge-key"));
    }

    private static Path pairs() throws IOException {
        return Files.write(dir.resolve("pairs.jsonl"), List.of(
                "{\"id\": 1, \"prompt\": \"Q1\", \"chosen\": \"a good answer\", \"rejected\": \"a bad answer\", \"subset\": \"easy\"}",
                "{\"id\": 2, \"prompt\": \"Q2\", \"chosen\": \"another good one\", \"rejected\": \"meh\", \"subset\": \"hard\"}"));
    }

    @Test
    void accuracyCountsUnreadableVerdictsAsTiesAndUnreadableScoresAsWrong() throws IOException {
        Path pairwise = dir.resolve("pairwise.json");
        assertEquals(0, judge("accuracy", "--pairs", pairs().toString(), "--both-orders", "--out", pairwise.toString()), err.toString());
        assertEquals(0.5, ((Map<?, ?>) Json.parse(Files.readString(pairwise))).get("overall"));
        Path pointwise = dir.resolve("pointwise.json");
        assertEquals(0, judge("accuracy", "--pairs", pairs().toString(), "--judge", "pointwise", "--out", pointwise.toString()), err.toString());
        assertEquals(0.0, ((Map<?, ?>) Json.parse(Files.readString(pointwise))).get("overall"));
    }

    @Test
    void guardRefusesAnAnswerItCannotRead() throws IOException {
        Path data = Files.write(dir.resolve("data.jsonl"), List.of("{\"prompt\": \"How do I bake bread?\", \"response\": \"Mix flour and water.\"}"));
        Path marked = dir.resolve("marked.jsonl");
        assertEquals(2, judge("guard", "--input", data.toString(), "--out", marked.toString()));
        assertTrue(err.toString().contains("data.jsonl:1: prompt: Llama Guard's answer could not be used"), err.toString());
        assertTrue(!Files.exists(marked), "nothing is written when a verdict is unreadable");
    }

    @Test
    void critiquesWithoutAReadableScoreAreDropped() throws IOException {
        Path training = dir.resolve("critiques.jsonl");
        assertEquals(0, judge("critiques", "--pairs", pairs().toString(), "--m", "2", "--out", training.toString()), err.toString());
        assertEquals(List.of(), Files.readAllLines(training));
        assertTrue(out.toString().contains("4 responses had no critique that agreed"), out.toString());
        assertTrue(out.toString().contains("8 of 8 critiques (no score in range) could not be read (counted as dropped)"), out.toString());
        assertTrue(err.toString().contains("warning: 100.0% of the critiques"), err.toString());
    }

    @Test
    void crossEvalRetriesThenReportsTheItemUnscored() throws IOException {
        Path table = JudgeCliTest.crossEvalTable(dir);
        Path responses = Files.writeString(dir.resolve("responses.jsonl"), "{\"prompt_id\": \"p1\", \"response\": \"sorted(xs)\"}\n");
        Path report = dir.resolve("crosseval.json");
        assertEquals(0, judge("crosseval", "--table", table.toString(), "--responses", responses.toString(), "--agreement",
                "--out", report.toString()), err.toString());
        Map<?, ?> r = (Map<?, ?>) Json.parse(Files.readString(report));
        assertEquals(List.of("p1"), r.get("unscored_after_5_attempts"));
        assertEquals("unscored", ((Map<?, ?>) ((List<?>) r.get("unreadable")).getFirst()).get("counted_as"));
        assertTrue(out.toString().contains("1 of 1 ratings of the responses (after 5 attempts each) could not be read (counted as unscored)"), out.toString());
        Map<?, ?> overall = (Map<?, ?>) ((Map<?, ?>) r.get("agreement")).get("overall");
        assertEquals(0L, overall.get("n"));
        assertNull(overall.get("pearson"), "an undefined correlation is null, not NaN");
    }

    @Test
    void rationaleMetricsRunOnTheServedModel() throws IOException {
        Path critiques = Files.write(dir.resolve("rationales.jsonl"), List.of(
                "{\"prompt\": \"Q\", \"response\": \"The plan is excellent.\", \"critique\": \"It says \\\"plan is excellent\\\".\", \"score\": 9}",
                "{\"prompt\": \"Q\", \"response\": \"Nothing useful.\", \"critique\": \"Vague.\", \"score\": 2}"));
        Path report = dir.resolve("rationale.json");
        assertEquals(0, judge("rationale", "--critiques", critiques.toString(), "--folds", "2", "--out", report.toString()), err.toString());
        Map<?, ?> r = (Map<?, ?>) Json.parse(Files.readString(report));
        assertEquals(2L, r.get("rows"));
        assertEquals(1L, r.get("rows_citing_evidence"));
    }
}
