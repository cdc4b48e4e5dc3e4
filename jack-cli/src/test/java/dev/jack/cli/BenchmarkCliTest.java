package dev.jack.cli;

import dev.jack.core.SharedData;
import dev.jack.core.data.DataLocations;
import dev.jack.core.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The IFBench and IFEvalG catalogs in every command: eval, score, synth, bench and constraints. */
class BenchmarkCliTest {
    @TempDir
    Path dir;

    private FileServer server;

    @AfterEach
    void stopServer() {
        if (server != null) server.close();
    }

    private CliHarness cli(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("JACK_CACHE_DIR", dir.resolve("cache").toString());
        return new CliHarness(env);
    }

    @Test
    void ifbenchEvalWritesTheReferenceFilesByteForByte() throws IOException {
        Path ifbench = SharedData.require("ifbench/ifbench");
        CliHarness jack = cli(Map.of());
        assertEquals(0, jack.jack("eval", "--benchmark", "ifbench", "--input-data", ifbench.resolve("IFBench_test.jsonl").toString(),
                "--responses", ifbench.resolve("responses/r2.jsonl").toString(), "--output-dir", dir.resolve("o").toString()), jack.err());
        for (String mode : List.of("strict", "loose")) {
            assertArrayEquals(Files.readAllBytes(ifbench.resolve("expected/r2-eval_results_" + mode + ".jsonl")),
                    Files.readAllBytes(dir.resolve("o/eval_results_" + mode + ".jsonl")), mode);
        }
        Map<?, ?> summary = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("o/summary.json")));
        assertEquals(108L, ((Map<?, ?>) summary.get("prompt_level_strict")).get("correct"));
        assertTrue(jack.out().contains("prompt-level loose accuracy:       0.480000 (144/300)"), jack.out());
    }

    @Test
    void ifbenchsPromptsAreDownloadedOnceFromTheHubAndConvertedFromParquet() throws IOException {
        byte[] parquet = getClass().getResourceAsStream("/dev/jack/core/data/ifbench-like.parquet").readAllBytes();
        server = new FileServer(DataLocations.IFBENCH_PATH, parquet);
        CliHarness jack = cli(Map.of("HF_ENDPOINT", server.url()));
        Path responses = Files.writeString(dir.resolve("r.jsonl"), """
                {"prompt": "Answer briefly. Answer with one of the following options: yes/no/maybe. Do not give any explanation.", "response": "maybe"}
                """);
        String[] args = {"eval", "--benchmark", "ifbench", "--responses", responses.toString(), "--output-dir", dir.resolve("o").toString()};
        assertEquals(0, jack.jack(args), jack.err());
        assertEquals(0, jack.jack(args), jack.err());
        assertEquals(1, server.requests(), "downloaded once");
        Path cached = dir.resolve("cache/ifbench/IFBench_test.jsonl");
        assertEquals(4, Files.readAllLines(cached).size());
        List<String> strict = Files.readAllLines(dir.resolve("o/eval_results_strict.jsonl"));
        assertEquals(4, strict.size());
        assertEquals(List.of(true), ((Map<?, ?>) Json.parse(strict.get(3))).get("follow_instruction_list"));
        assertEquals("", ((Map<?, ?>) Json.parse(strict.get(0))).get("response"), "a prompt without a response is scored on \"\"");
    }

    @Test
    void aFailedIfbenchDownloadSaysWhereTheFileGoesAndWhichVariablePointsElsewhere() throws IOException {
        CliHarness jack = cli(Map.of("JACK_HF_ENDPOINT", "http://127.0.0.1:9"));
        Path responses = Files.writeString(dir.resolve("r.jsonl"), "{\"prompt\": \"p\", \"response\": \"r\"}\n");
        assertEquals(2, jack.jack("eval", "--benchmark", "ifbench", "--responses", responses.toString(), "--output-dir", dir.resolve("o").toString()));
        String e = jack.err();
        assertTrue(e.contains("cannot download IFBench's test prompts from http://127.0.0.1:9" + DataLocations.IFBENCH_PATH), e);
        assertTrue(e.contains("Put the file at " + dir.resolve("cache/ifbench/IFBench_test.jsonl") + " by hand"), e);
        assertTrue(e.contains("JACK_HF_ENDPOINT (or HF_ENDPOINT)") && e.contains("--input-data"), e);
        assertEquals(1, e.lines().filter(l -> l.startsWith("jack: error:")).count(), e);
        assertFalse(e.contains("\tat "), "no stack trace");
    }

    @Test
    void ifevalgEvalGivesEachConstraintsVerdictAloneAndTheReward() throws IOException {
        Path g = SharedData.require("ifbench/ifevalg");
        CliHarness jack = cli(Map.of());
        assertEquals(0, jack.jack("eval", "--benchmark", "ifevalg", "--input-data", g.resolve("prompts.jsonl").toString(),
                "--responses", g.resolve("responses.jsonl").toString(), "--output-dir", dir.resolve("o").toString()), jack.err());
        List<String> lines = Files.readAllLines(dir.resolve("o/eval_results_strict.jsonl"));
        List<String> expected = Files.readAllLines(g.resolve("expected.jsonl"));
        assertEquals(3000, lines.size());
        for (int i = 0; i < 30; i++) {
            Map<?, ?> got = (Map<?, ?>) Json.parse(lines.get(i));
            Map<?, ?> want = (Map<?, ?>) Json.parse(expected.get(i));
            assertEquals(want.get("key"), got.get("key"));
            assertEquals(want.get("score"), got.get("score"), lines.get(i));
            assertEquals(want.get("follow_instruction_list"), got.get("follow_instruction_list"), lines.get(i));
        }
        assertFalse(Files.exists(dir.resolve("o/eval_results_loose.jsonl")), "IFEvalVerifier has no loose mode");
        assertTrue(((Map<?, ?>) Json.parse(Files.readString(dir.resolve("o/summary.json")))).containsKey("mean_score"));
        assertEquals(2, jack.jack("eval", "--benchmark", "ifevalg", "--responses", g.resolve("responses.jsonl").toString(),
                "--output-dir", dir.resolve("o2").toString()));
        assertTrue(jack.err().contains("--input-data: --benchmark ifevalg scores the prompts you give"), jack.err());
    }

    @Test
    void badKwargsOfTheNewConstraintsAreOneLineNamingFileLineAndField() throws IOException {
        Path prompts = Files.writeString(dir.resolve("p.jsonl"), """
                {"key": "g1", "prompt": "p", "instruction_id_list": ["punctuation:no_comma"], "kwargs": [null]}
                {"key": "g2", "prompt": "p", "instruction_id_list": ["new:copy_span_idx"], "kwargs": [{"prompt_to_repeat": "abc", "n_start": 1, "n_end": 0}]}
                """);
        Path responses = Files.writeString(dir.resolve("r.jsonl"), "{\"key\": \"g1\", \"response\": \"x\"}\n");
        CliHarness jack = cli(Map.of());
        assertEquals(2, jack.jack("eval", "--benchmark", "ifevalg", "--input-data", prompts.toString(), "--responses", responses.toString(),
                "--output-dir", dir.resolve("o").toString()));
        assertEquals("jack: error: " + prompts + ":2: kwargs[0].n_end: must be at least 1 (the reference reads 0 as not given and draws a random value),"
                + " got 0 (constraint new:copy_span_idx)\n", jack.err());
        Path ifbench = Files.writeString(dir.resolve("b.jsonl"),
                "{\"key\": \"0\", \"prompt\": \"p\", \"instruction_id_list\": [\"count:word_count_range\"], \"kwargs\": [{\"min_words\": 5.5, \"max_words\": 9}]}\n");
        assertEquals(2, jack.jack("eval", "--benchmark", "ifbench", "--input-data", ifbench.toString(), "--responses", responses.toString(),
                "--output-dir", dir.resolve("o").toString()));
        assertEquals("jack: error: " + ifbench + ":1: kwargs[0].min_words: must be an integer, got 5.5 (constraint count:word_count_range)\n", jack.err());
    }

    @Test
    void scoreWithIfevalgsVerifierReadsGroundTruthLabels() throws IOException {
        Path samples = Files.writeString(dir.resolve("s.jsonl"), """
                {"key": 1, "sample_index": 0, "response": "<think>Plan.</think><answer>Wow the dog</answer>", "ground_truth": "[{'instruction_id': ['punctuation:punctuation_dot', 'keywords:palindrome'], 'kwargs': [None, None]}]"}
                {"key": 2, "sample_index": 0, "response": "No dots here!", "ground_truth": "[{'instruction_id': ['punctuation:punctuation_exclamation', 'punctuation:punctuation_dot'], 'kwargs': [None, None]}]"}
                """);
        CliHarness jack = cli(Map.of());
        Path out = dir.resolve("scored.jsonl");
        assertEquals(0, jack.jack("score", "--verifier", "ifevalg", "--labels-field", "ground_truth", "--samples", samples.toString(),
                "--out", out.toString()), jack.err());
        List<String> rows = Files.readAllLines(out);
        Map<?, ?> first = (Map<?, ?>) Json.parse(rows.get(0));
        assertEquals(List.of(true, false), first.get("strict"), "the answer without its wrappers has no dot and no palindrome");
        assertEquals(0.5, first.get("reward"));
        assertEquals(first.get("strict"), first.get("loose"), "IFEvalVerifier has no loose mode");
        assertEquals(0.5, ((Map<?, ?>) Json.parse(rows.get(1))).get("reward"));
        assertEquals(2, jack.jack("score", "--verifier", "ifevalg", "--reward", "loose", "--labels-field", "ground_truth", "--samples",
                samples.toString(), "--out", out.toString()));
        assertTrue(jack.err().contains("--reward: IFEvalG's verifier has no loose mode"), jack.err());
        Path bad = Files.writeString(dir.resolve("bad.jsonl"),
                "{\"key\": 1, \"response\": \"x\", \"ground_truth\": \"[{'instruction_id': ['letters:letter_counting'], 'kwargs': [{'N': 0, 'relation': 'at least'}]}]\"}\n");
        assertEquals(2, jack.jack("score", "--verifier", "ifevalg", "--labels-field", "ground_truth", "--samples", bad.toString(), "--out", out.toString()));
        assertTrue(jack.err().startsWith("jack: error: " + bad + ":1: ground_truth[0].kwargs[0].N: must be at least 1"), jack.err());
        assertEquals(2, jack.jack("score", "--samples", samples.toString(), "--out", out.toString()));
        assertTrue(jack.err().contains("--prompts: is required unless the samples carry their labels"), jack.err());
        Path mixed = Files.writeString(dir.resolve("mixed.jsonl"), """
                {"key": 1, "sample_index": 0, "response": "x", "ground_truth": "[{'instruction_id': ['punctuation:no_comma'], 'kwargs': [None]}]"}
                {"key": 1, "sample_index": 1, "response": "x", "ground_truth": "[{'instruction_id': ['punctuation:no_comma', 'change_case:english_lowercase'], 'kwargs': [None, None]}]"}
                """);
        assertEquals(2, jack.jack("score", "--labels-field", "ground_truth", "--samples", mixed.toString(), "--out", out.toString()));
        assertEquals("jack: error: " + mixed + ":2: ground_truth: gives key 1 other constraints than its first sample's (pass rates are per prompt)\n",
                jack.err());
        assertEquals(0.5, ((Map<?, ?>) Json.parse(Files.readAllLines(out).get(1))).get("reward"), "the last good output stays");
    }

    @Test
    void synthDrawsFromACatalogAndKeepsAHeldOutOneOutOfTraining() throws IOException {
        CliHarness jack = cli(Map.of());
        Path punkt = CliHarness.emptyPunkt(dir);
        Path out = dir.resolve("p.jsonl");
        assertEquals(0, jack.jack("synth", "--count", "600", "--catalog", "all", "--holdout-catalog", "ifbench", "--split", "train,test",
                "--test-fraction", "0.5", "--out", out.toString(), "--punkt-dir", punkt.toString()), jack.err());
        List<String> ifbench = dev.jack.core.constraint.ConstraintRegistry.ids("ifbench");
        boolean testHasIfbench = false;
        for (String part : List.of("train", "test")) {
            for (String line : Files.readAllLines(dir.resolve("p." + part + ".jsonl"))) {
                List<?> ids = (List<?>) ((Map<?, ?>) Json.parse(line)).get("instruction_id_list");
                boolean has = ids.stream().anyMatch(ifbench::contains);
                if (part.equals("train")) assertFalse(has, line);
                else testHasIfbench |= has;
            }
        }
        assertTrue(testHasIfbench, "the test split draws IFBench's constraints");
        assertEquals(2, jack.jack("synth", "--count", "10", "--catalog", "ifbenchh", "--out", out.toString()));
        assertTrue(jack.err().startsWith("jack: error: --catalog: unknown catalog \"ifbenchh\""), jack.err());
    }

    @Test
    void constraintsListsEachSource() {
        CliHarness jack = cli(Map.of());
        assertEquals(0, jack.jack("constraints", "--source", "ifbench", "--ids-only"));
        assertEquals(58, jack.out().lines().count());
        assertTrue(jack.out().contains("count:word_count_range"));
        assertEquals(0, jack.jack("constraints", "--source", "ifevalg", "--ids-only"));
        assertEquals(29, jack.out().lines().count());
    }

    @Test
    void benchVerifyMeasuresIfbenchsScorer() throws IOException {
        Path ifbench = SharedData.require("ifbench/ifbench");
        CliHarness jack = cli(Map.of());
        assertEquals(0, jack.jack("bench", "verify", "--benchmark", "ifbench", "--input-data", ifbench.resolve("IFBench_test.jsonl").toString(),
                "--responses", ifbench.resolve("responses/r0.jsonl").toString(), "--seconds", "0.2"), jack.err());
        assertTrue(jack.out().contains("strict+loose verification (ifbench), 1 thread:") && jack.out().contains("per CPU-second"), jack.out());
    }
}
