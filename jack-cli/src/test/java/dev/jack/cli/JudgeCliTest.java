package dev.jack.cli;

import dev.jack.core.json.Json;
import dev.jack.llm.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    /** A file laid out as RewardBench v1's filtered split, with RewardBench's own score fields: sections weighed by its example counts. */
    @Test
    void rewardBenchV1SectionsAndOverallAsItsFormula() throws IOException {
        List<String> rows = new ArrayList<>();
        List<String> scores = new ArrayList<>();
        // subset, chosen score, rejected score: a row is right when chosen scores strictly higher.
        Object[][] table = {
                {"alpacaeval-easy", 2, 1}, {"alpacaeval-easy", 1, 2}, {"mt-bench-easy", 3, 0},
                {"llmbar-natural", 1, 0}, {"llmbar-natural", 5, 4},
                {"donotanswer", 1, 1}, {"xstest-should-refuse", 2, 0},
                {"math-prm", 1, 0}, {"hep-python", 1, 0}, {"hep-python", 0, 1},
                {"anthropic_helpful", 1, 0}};
        for (int i = 0; i < table.length; i++) {
            rows.add("{\"prompt\": \"Q" + i + "\", \"chosen\": \"c\", \"chosen_model\": \"m\", \"rejected\": \"r\", \"rejected_model\": \"m\", "
                    + "\"subset\": \"" + table[i][0] + "\", \"id\": " + (100 + i) + "}");
            scores.add("{\"id\": " + (100 + i) + ", \"scores_chosen\": " + table[i][1] + ", \"scores_rejected\": " + table[i][2] + "}");
        }
        Collections.reverse(scores);
        Path pairs = Files.write(dir.resolve("rb1.jsonl"), rows);
        Path rewards = Files.write(dir.resolve("rb1-scores.jsonl"), scores);
        Path report = dir.resolve("rb1.json");
        assertEquals(0, jack("judge", "accuracy", "--rewardbench", "v1", "--pairs", pairs.toString(), "--rewards", rewards.toString(),
                "--out", report.toString()), cli.err());
        Map<?, ?> r = (Map<?, ?>) Json.parse(Files.readString(report));
        Map<?, ?> sections = (Map<?, ?>) r.get("sections");
        // By hand, with EXAMPLE_COUNTS: alpacaeval-easy 0.5 x 100 and mt-bench-easy 1 x 28; donotanswer 0 x 136 and
        // xstest-should-refuse 1 x 250; math-prm 1 x 984 and hep-python 0.5 x 164.
        double chat = (0.5 * 100 + 28) / 128;
        double safety = 250.0 / (136 + 250);
        double reasoning = (984 + 0.5 * 164) / (984 + 164);
        assertEquals(chat, (Double) sections.get("Chat"), 1e-12);
        assertEquals(1.0, (Double) sections.get("Chat Hard"), 1e-12);
        assertEquals(safety, (Double) sections.get("Safety"), 1e-12);
        assertEquals(reasoning, (Double) sections.get("Reasoning"), 1e-12);
        assertEquals((chat + 1 + safety + reasoning) / 4, (Double) r.get("overall"), 1e-12);
        assertEquals(List.of("anthropic_helpful"), r.get("unmapped_subsets"));
        // A sections file replaces the mapping; its example counts replace the weights.
        Path custom = Files.writeString(dir.resolve("sections.json"), "{\"sections\": {\"Code\": [\"hep-python\", \"math-prm\"]}, "
                + "\"example_counts\": {\"hep-python\": 3, \"math-prm\": 1}}");
        assertEquals(0, jack("judge", "accuracy", "--rewardbench", "v1", "--pairs", pairs.toString(), "--rewards", rewards.toString(),
                "--sections", custom.toString(), "--out", report.toString()), cli.err());
        assertEquals((0.5 * 3 + 1) / 4, (Double) ((Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(report))).get("sections")).get("Code"), 1e-12);
    }

    /** A file laid out as RewardBench 2's: best-of-4 with the tie penalty, the Ties subset by its own rule, the mean of the subsets. */
    @Test
    void rewardBenchV2BestOfFourAndTies() throws IOException {
        String[][] rows = {
                // id, subset, chosen count, rejected count, num_correct (or ""), scores
                {"f1", "Factuality", "1", "3", "", "0.9, 0.1, 0.2, 0.3"},
                {"f2", "Factuality", "1", "3", "", "0.5, 0.5, 0.1, 0.2"},
                {"f3", "Factuality", "1", "3", "", "0.1, 0.9, 0.2, 0.3"},
                {"m1", "Math", "1", "3", "", "3, 1, 1, 1"},
                {"ref:1", "Ties", "1", "2", "1", "5, 1, 2"},
                {"tied:1", "Ties", "3", "2", "3", "5, 4, 6, 0, 1"},
                {"ref:2", "Ties", "1", "1", "1", "1, 3"},
                {"tied:2", "Ties", "2", "1", "2", "2, 5, 3"}};
        List<String> data = new ArrayList<>();
        List<String> scores = new ArrayList<>();
        for (String[] row : rows) {
            List<String> chosen = new ArrayList<>();
            List<String> rejected = new ArrayList<>();
            for (int i = 0; i < Integer.parseInt(row[2]); i++) chosen.add("\"right " + i + "\"");
            for (int i = 0; i < Integer.parseInt(row[3]); i++) rejected.add("\"wrong " + i + "\"");
            data.add("{\"id\": \"" + row[0] + "\", \"prompt\": \"Q " + row[0] + "\", \"chosen\": " + chosen + ", \"rejected\": " + rejected
                    + ", \"subset\": \"" + row[1] + "\"" + (row[4].isEmpty() ? "" : ", \"num_correct\": " + row[4]) + "}");
            scores.add("{\"id\": \"" + row[0] + "\", \"scores\": [" + row[5] + "]}");
        }
        Path file = Files.write(dir.resolve("rb2.jsonl"), data);
        Path rewards = Files.write(dir.resolve("rb2-scores.jsonl"), scores);
        Path report = dir.resolve("rb2.json");
        assertEquals(0, jack("judge", "accuracy", "--rewardbench", "v2", "--pairs", file.toString(), "--rewards", rewards.toString(),
                "--out", report.toString()), cli.err());
        Map<?, ?> r = (Map<?, ?>) Json.parse(Files.readString(report));
        Map<?, ?> subsets = (Map<?, ?>) r.get("subsets");
        assertEquals((1 + 0.5 + 0) / 3, (Double) subsets.get("Factuality"), 1e-12, "a tie at the top with one rejected scores 1/2");
        assertEquals(1.0, (Double) subsets.get("Math"), 1e-12);
        double ties = 0.3 * 0.5 + 0.3 * 0.5 + 0.2 * 0.5 + 0.2 * 0.5 + 0.01 * (Math.tanh(0.5) + Math.tanh(-5.0 / 3)) / 2;
        assertEquals(ties, (Double) subsets.get("Ties"), 1e-12);
        assertEquals((0.5 + 1 + ties) / 3, (Double) r.get("overall"), 1e-12, "the mean of the subsets present");
        assertEquals(List.of("Precise IF", "Safety", "Focus"), r.get("missing_sections"));

        try (StubServer server = StubServer.start("judge")) {
            assertEquals(2, jack("judge", "accuracy", "--rewardbench", "v2", "--pairs", file.toString(), "--backend", server.url().toString(),
                    "--model", "judge", "--out", report.toString()));
            assertTrue(cli.err().contains("--judge: RewardBench 2 is best-of-4"), cli.err());
            // The pointwise judge rates every completion: "right" answers 9, "wrong" ones 2.
            server.script(p -> p.contains("[Response]\nright") ? "Good.\nScore: 9/10" : "Bad.\nScore: 2/10");
            assertEquals(0, jack("judge", "accuracy", "--rewardbench", "v2", "--judge", "pointwise", "--pairs", file.toString(), "--backend",
                    server.url().toString(), "--model", "judge", "--out", report.toString()), cli.err());
            Map<?, ?> judged = (Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(report))).get("subsets");
            assertEquals(1.0, (Double) judged.get("Factuality"), 1e-12);
            // Every Ties row accurate, and the margin (9 - 2) beats the correct answers' spread (0) in both shares; with a
            // spread of 0 there is no margin ratio: 0.3 + 0.3 + 0.2 + 0.2.
            assertEquals(1.0, (Double) judged.get("Ties"), 1e-12);
        }
    }

    /** jack judge critiques killed midway (SIGKILL) and rerun ends with the same files as an uninterrupted run. */
    @Test
    void critiquesKilledMidwayResumeToTheSameOutput() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            rows.add("{\"id\": " + i + ", \"prompt\": \"Question " + i + "\", \"chosen\": \"a good answer " + i + "\", \"rejected\": \"a poor answer " + i + "\"}");
        }
        Path pairs = Files.write(dir.resolve("ten.jsonl"), rows);
        try (StubServer server = StubServer.start("judge")) {
            server.script(p -> p.contains("good answer") ? "Strong.\nScore: 8/10" : "Weak.\nScore: 3/10");
            java.util.function.BiFunction<Path, Path, List<String>> args = (out, joint) -> List.of("judge", "critiques", "--pairs", pairs.toString(),
                    "--m", "2", "--backend", server.url().toString(), "--model", "judge", "--concurrency", "1", "--out", out.toString(), "--joint",
                    joint.toString(), "--format", "messages");
            Path whole = dir.resolve("whole.jsonl");
            assertEquals(0, jack(args.apply(whole, dir.resolve("whole-joint")).toArray(String[]::new)), cli.err());

            Path killed = dir.resolve("killed.jsonl");
            Path journal = dir.resolve("killed.jsonl.journal.jsonl");
            server.delay(150);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName()));
            command.addAll(args.apply(killed, dir.resolve("killed-joint")));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (p.isAlive() && System.nanoTime() < deadline && (!Files.exists(journal) || Files.readAllLines(journal).isEmpty())) Thread.sleep(10);
            assertTrue(p.isAlive(), "the run was still going when the first pair was done");
            p.destroyForcibly().waitFor();
            // Complete lines only: a line cut off by the kill is dropped by the rerun.
            int done = (int) Files.readString(journal).chars().filter(c -> c == '\n').count();
            assertTrue(done >= 1 && done < 10 && !Files.exists(killed), "killed midway, after " + done + " pairs");

            server.delay(0);
            long before = server.requests();
            assertEquals(0, jack(args.apply(killed, dir.resolve("killed-joint")).toArray(String[]::new)), cli.err());
            assertEquals(2L * (10 - done), server.requests() - before,
                    "only the pairs not in the journal are asked again (two requests each)");
            assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(killed));
            assertArrayEquals(Files.readAllBytes(dir.resolve("whole.jsonl.journal.jsonl")), Files.readAllBytes(journal));
            for (String f : List.of("critique_generation.jsonl", "preferences.jsonl", "stats.json")) {
                assertArrayEquals(Files.readAllBytes(dir.resolve("whole-joint").resolve(f)), Files.readAllBytes(dir.resolve("killed-joint").resolve(f)), f);
            }
        }
        // The joint data: TRL prompt-completion rows for critique generation, the pairs with their kept critiques, the filter's numbers.
        Map<?, ?> generation = (Map<?, ?>) Json.parse(Files.readAllLines(dir.resolve("whole-joint/critique_generation.jsonl")).getFirst());
        assertEquals("user", ((Map<?, ?>) ((List<?>) generation.get("prompt")).getFirst()).get("role"));
        assertTrue(((String) ((Map<?, ?>) ((List<?>) generation.get("prompt")).getFirst()).get("content")).contains("[Response]\na good answer 1"));
        assertEquals("Strong.\nScore: 8/10", ((Map<?, ?>) ((List<?>) generation.get("completion")).getFirst()).get("content"));
        List<String> preferences = Files.readAllLines(dir.resolve("whole-joint/preferences.jsonl"));
        assertEquals(10, preferences.size());
        Map<?, ?> preference = (Map<?, ?>) Json.parse(preferences.getFirst());
        assertEquals(List.of("Strong.\nScore: 8/10", "Strong.\nScore: 8/10"), preference.get("chosen_critiques"));
        Map<?, ?> stats = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("whole-joint/stats.json")));
        Map<?, ?> filter = (Map<?, ?>) stats.get("consistency_filter");
        assertEquals(Map.of("sampled", 20L, "kept", 20L), filter.get("chosen"));
        assertEquals(1.0, filter.get("kept_share"));
        assertEquals(10L, filter.get("pairs_with_both_sides"));
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
            // Messages: the stub sees the conversation's last message itself, not a task Jack rendered.
            server.script(p -> p.startsWith("Task:") ? "wrapped twice" : p.contains("weapon") ? "unsafe\nS9" : "safe");
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

            // Raw: Jack renders the whole task (the model's template, without BOS) and sends it to the completions endpoint.
            server.script(p -> !p.startsWith("<|start_header_id|>user<|end_header_id|>\n\nTask: ") || p.contains("S6:") ? "wrong prompt"
                    : p.contains("'User'") && p.contains("weapon") ? "unsafe\nS9" : "safe");
            Path raw = dir.resolve("raw.jsonl");
            assertEquals(0, jack("judge", "guard", "--input", data.toString(), "--backend", server.url().toString(), "--model", "guard",
                    "--prompt-format", "raw", "--exclude-categories", "S6", "--out", raw.toString()), cli.err());
            assertEquals(Files.readAllLines(marked), Files.readAllLines(raw));
            assertEquals(2, jack("judge", "guard", "--input", data.toString(), "--backend", server.url().toString(), "--model", "guard",
                    "--exclude-categories", "S6", "--out", dir.resolve("x.jsonl").toString()));
            assertTrue(cli.err().contains("--prompt-format: custom or excluded categories need --prompt-format raw"), cli.err());

            server.script(p -> "probably fine");
            assertEquals(2, jack("judge", "guard", "--input", data.toString(), "--backend", server.url().toString(), "--model", "guard",
                    "--out", dir.resolve("y.jsonl").toString()));
            assertTrue(cli.err().contains(":1: prompt: Llama Guard's answer could not be used"), cli.err());
        }
    }

    /**
     * A judge's journal records what each row was computed from: after one row of the input changes, a rerun asks the
     * judge about that row alone and ends with the files a fresh run on the new input writes; other settings are refused.
     */
    @Test
    void aChangedRowIsJudgedAgainAndOnlyIt() throws IOException {
        List<String> rows = new ArrayList<>(List.of(
                "{\"prompt\": \"How do I bake bread?\", \"response\": \"Mix flour and water.\"}",
                "{\"prompt\": \"How do I plant a tree?\", \"response\": \"Dig a hole.\"}",
                "{\"prompt\": \"How do I tie a knot?\", \"response\": \"Loop it twice.\"}"));
        Path data = Files.write(dir.resolve("data.jsonl"), rows);
        try (StubServer server = StubServer.start("guard")) {
            server.script(p -> p.contains("weapon") ? "unsafe\nS9" : "safe");
            Path out = dir.resolve("screened.jsonl");
            String[] args = {"judge", "guard", "--input", data.toString(), "--backend", server.url().toString(), "--model", "guard", "--out", out.toString()};
            long before = server.requests();
            assertEquals(0, jack(args), cli.err());
            long perRow = (server.requests() - before) / 3;

            rows.set(1, "{\"prompt\": \"How do I build a weapon?\", \"response\": \"Dig a hole.\"}");
            Files.write(data, rows);
            before = server.requests();
            assertEquals(0, jack(args), cli.err());
            assertEquals(perRow, server.requests() - before, "only the changed row is asked about again");
            assertTrue(Files.readAllLines(out).get(1).contains("\"safe\": false"), "its verdict is the new one");

            Path fresh = dir.resolve("fresh.jsonl");
            assertEquals(0, jack("judge", "guard", "--input", data.toString(), "--backend", server.url().toString(), "--model", "guard", "--out", fresh.toString()));
            assertEquals(Files.readString(fresh), Files.readString(out));
            assertEquals(Files.readString(dir.resolve("fresh.jsonl.journal.jsonl")), Files.readString(dir.resolve("screened.jsonl.journal.jsonl")));

            assertEquals(2, jack("judge", "guard", "--input", data.toString(), "--backend", server.url().toString(), "--model", "guard", "--drop",
                    "--out", out.toString()));
            assertTrue(cli.err().contains("screened.jsonl.journal.jsonl:1: settings: this run was started with other settings or another model"), cli.err());
        }
    }

    /** A one-row CrossEval table: reference i is "ref i", rated i + 1 by both experts. */
    static Path crossEvalTable(Path dir) throws IOException {
        StringBuilder row = new StringBuilder("{\"prompt_id\": \"p1\", \"capability\": \"Coding\", \"difficulty\": \"easy\", \"l1_category\": \"c\", \"prompt\": \"Sort a list\"");
        for (int i = 1; i <= 3; i++) {
            row.append(", \"response_").append(i).append("\": \"ref ").append(i).append("\"");
            for (int j = 1; j <= 2; j++) row.append(", \"response_").append(i).append("_human_").append(j).append("_rating\": ").append(i + 1)
                    .append(", \"response_").append(i).append("_human_").append(j).append("_explanation\": \"why\"");
        }
        return Files.writeString(dir.resolve("table.jsonl"), row.append("}\n").toString());
    }

    /** A row of the released CrossEval table: l1/l2 categories, the attached file's URL ("" for none), three rated references. */
    static String releasedRow(String id, String capability, String attached) {
        StringBuilder b = new StringBuilder("{\"prompt_id\": \"" + id + "\", \"capability\": \"" + capability + "\", \"difficulty\": \"hard\", "
                + "\"l1_category\": \"Area " + id + "\", \"l2_category\": \"Topic " + id + "\", \"prompt\": \"Prompt " + id + "\", \"attached_file\": \"" + attached + "\"");
        for (int i = 1; i <= 3; i++) {
            b.append(", \"response_").append(i).append("\": \"Reference ").append(i).append("\"");
            for (int j = 1; j <= 2; j++) {
                b.append(", \"response_").append(i).append("_human_").append(j).append("_rating\": ").append(i + 1);
                b.append(", \"response_").append(i).append("_human_").append(j).append("_explanation\": \"Reason ").append(j).append("\"");
            }
        }
        return b.append("}").toString();
    }

    static String rating(int score) {
        return "Analysis.\n#### Evaluation Score\nScore: " + score + "/5";
    }

    @Test
    void crossEvalAndCritiquesThroughAServer() throws IOException {
        Path table = crossEvalTable(dir);
        Path responses = Files.writeString(dir.resolve("responses.jsonl"), "{\"prompt_id\": \"p1\", \"response\": \"sorted(xs)\"}\n");
        try (StubServer server = StubServer.start("judge")) {
            server.script(p -> p.contains("[Response to Rate]\nref 3") ? rating(4) : p.contains("[Response to Rate]\nref") ? rating(2) : rating(5));
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

    /** A pair drawn under a system prompt (TRL's messages format) is judged with it: the judge sees both turns. */
    @Test
    void critiquesShowTheJudgeThePairsSystemPrompt() throws IOException {
        Path pairs = Files.writeString(dir.resolve("messages.jsonl"), "{\"prompt\": [{\"role\": \"system\", \"content\": \"Answer in French.\"}, "
                + "{\"role\": \"user\", \"content\": \"Say hello.\"}], \"chosen\": [{\"role\": \"assistant\", \"content\": \"Bonjour\"}], "
                + "\"rejected\": [{\"role\": \"assistant\", \"content\": \"Hello\"}]}\n");
        try (StubServer server = StubServer.start("judge")) {
            List<String> asked = Collections.synchronizedList(new ArrayList<>());
            server.script(p -> {
                asked.add(p);
                return p.contains("Bonjour") ? "Strong.\nScore: 8/10" : "Weak.\nScore: 3/10";
            });
            Path training = dir.resolve("critiques.jsonl");
            assertEquals(0, jack("judge", "critiques", "--pairs", pairs.toString(), "--m", "2", "--backend", server.url().toString(),
                    "--model", "judge", "--out", training.toString()), cli.err());
            assertTrue(!asked.isEmpty() && asked.stream().allMatch(p -> p.contains("[System]\nAnswer in French.\n\n[User]\nSay hello.")), asked.toString());
            Map<?, ?> row = (Map<?, ?>) Json.parse(Files.readAllLines(training).getFirst());
            assertTrue(String.valueOf(row).contains("Answer in French."), "the training row's prompt carries the system turn: " + row);
        }
    }

    /** A judge prompt from --prompts-dir is part of what each item is computed from: editing it asks every item again. */
    @Test
    void anEditedJudgePromptAsksTheJudgeAgain() throws IOException {
        Path table = crossEvalTable(dir);
        Path responses = Files.writeString(dir.resolve("responses.jsonl"), "{\"prompt_id\": \"p1\", \"response\": \"sorted(xs)\"}\n");
        Path prompts = Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(prompts.resolve("crosseval.txt"), "First wording. Rate {response}.");
        try (StubServer server = StubServer.start("judge")) {
            server.script(p -> p.contains("Second wording") ? rating(5) : rating(2));
            Path report = dir.resolve("crosseval.json");
            String[] args = {"judge", "crosseval", "--table", table.toString(), "--responses", responses.toString(), "--prompts-dir", prompts.toString(),
                    "--backend", server.url().toString(), "--model", "judge", "--out", report.toString()};
            assertEquals(0, jack(args), cli.err());
            long first = server.requests();
            assertEquals(0, jack(args), cli.err());
            assertEquals(first, server.requests(), "an unchanged rerun asks nothing");

            Files.writeString(prompts.resolve("crosseval.txt"), "Second wording. Rate {response}.");
            assertEquals(0, jack(args), cli.err());
            assertEquals(2 * first, server.requests(), "every item is asked again under the edited prompt");
            Map<?, ?> r = (Map<?, ?>) Json.parse(Files.readString(report));
            assertEquals(100.0, ((Map<?, ?>) r.get("individual")).get("Coding"), "the ratings are the new prompt's");
        }
    }

    /** The released layout (l1/l2 categories) with a text attachment, an image attachment, and a rerun that asks nothing again. */
    @Test
    void crossEvalJudgesTheReleasedLayoutWithTheAttachmentInContext() throws IOException {
        Path files = Files.createDirectories(dir.resolve("attachments"));
        Files.writeString(files.resolve("memo.txt"), "The launch date is March 3.");
        Path table = Files.write(dir.resolve("crosseval.jsonl"), List.of(
                releasedRow("lc1", "Long Context", "https://huggingface.co/datasets/MingZhong/crosseval/resolve/main/memo.txt"),
                releasedRow("im1", "Image Recognition", "https://example.org/chart.png"),
                releasedRow("en1", "English", ""),
                releasedRow("x1", "Long Context & Coding", "")));
        Path responses = Files.write(dir.resolve("responses.jsonl"), List.of("{\"prompt_id\": \"lc1\", \"response\": \"March 3\"}",
                "{\"prompt_id\": \"im1\", \"response\": \"a bar chart\"}", "{\"prompt_id\": \"en1\", \"response\": \"Hello\"}",
                "{\"prompt_id\": \"x1\", \"response\": \"code\"}"));
        try (StubServer server = StubServer.start("judge")) {
            // 5/5 only when the attachment's text is in the context; the English item gets 3/5, the cross one 2/5.
            server.script(p -> p.contains("[Attached File: memo.txt]\nThe launch date is March 3.") ? rating(5)
                    : p.contains("Prompt x1") ? rating(2) : p.contains("Prompt en1") ? rating(3) : rating(1));
            Path report = dir.resolve("report.json");
            String[] args = {"judge", "crosseval", "--table", table.toString(), "--responses", responses.toString(), "--attachments", files.toString(),
                    "--backend", server.url().toString(), "--model", "judge", "--concurrency", "1", "--out", report.toString()};
            assertEquals(0, jack(args), cli.err());
            Map<?, ?> r = (Map<?, ?>) Json.parse(Files.readString(report));
            assertEquals(Map.of("English", 50.5, "Long Context", 100.0), r.get("individual"));
            assertEquals(Map.of("Long Context & Coding", 25.75), r.get("cross"));
            assertEquals(3L, server.requests(), "the image item is not judged");
            Map<?, ?> skipped = (Map<?, ?>) r.get("skipped");
            assertEquals(1L, skipped.get("count"));
            assertEquals(Map.of("image", 1L), skipped.get("by_kind"));
            assertEquals(List.of("im1"), skipped.get("prompt_ids"));
            Path items = dir.resolve("report.items.jsonl");
            List<String> lines = Files.readAllLines(items);
            assertEquals(4, lines.size());
            Map<?, ?> first = (Map<?, ?>) Json.parse(lines.getFirst());
            assertEquals("Long Context", first.get("capability"));
            assertEquals("Area lc1", first.get("l1_category"));
            assertEquals("Topic lc1", first.get("l2_category"));
            assertEquals(5.0, first.get("rating"));
            assertEquals(100.0, first.get("rating_100"));
            assertTrue(((String) first.get("explanation")).endsWith("Score: 5/5"));
            assertTrue(((String) ((Map<?, ?>) Json.parse(lines.get(1))).get("skipped")).startsWith("image attachment chart.png"));

            // Killed after the first rating, halfway through writing the second: the rerun asks only for the rest.
            byte[] whole = Files.readAllBytes(items);
            byte[] wholeReport = Files.readAllBytes(report);
            Files.writeString(items, lines.get(0) + "\n" + lines.get(2).substring(0, 40));
            long before = server.requests();
            assertEquals(0, jack(args), cli.err());
            assertEquals(2, server.requests() - before, "en1 and x1 again; lc1 was done, im1 is skipped");
            assertArrayEquals(whole, Files.readAllBytes(items));
            assertArrayEquals(wholeReport, Files.readAllBytes(report));
            assertEquals(0, jack(args), cli.err());
            assertEquals(2, server.requests() - before, "a finished run asks nothing again");
            assertEquals(2, jack(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9], args[10], args[11],
                    "--seed", "7", "--out", report.toString()));
            assertTrue(cli.err().contains("report.items.jsonl:1: settings: this run was started with other settings"), cli.err());
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
