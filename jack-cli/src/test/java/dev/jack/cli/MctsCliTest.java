package dev.jack.cli;

import dev.jack.core.data.CurationStats;
import dev.jack.core.json.Json;
import dev.jack.llm.EmbeddedBackend;
import dev.jack.llm.OpenAiServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jack curate mcts end to end on the embedded tiny model: pairs that share a prefix, costs, and resuming. */
class MctsCliTest {
    @TempDir
    Path dir;

    private CliHarness cli;
    private Path prompts;
    private Path punkt;

    private int jack(String... args) {
        return cli.jack(args);
    }

    @BeforeEach
    void prompts() throws IOException {
        cli = CliHarness.withCache(dir);
        punkt = CliHarness.emptyPunkt(dir);
        List<String> rows = new ArrayList<>();
        String[] tasks = {"Write a story about a fox.", "Describe the sea.", "Give advice to a new cook.", "Explain why the sky is blue."};
        for (int i = 0; i < tasks.length; i++) {
            rows.add("{\"key\": " + (i + 1) + ", \"prompt\": \"" + tasks[i] + " Do not use any commas. Answer with less than 60 words.\", "
                    + "\"instruction_id_list\": [\"punctuation:no_comma\", \"length_constraints:number_words\"], "
                    + "\"kwargs\": [{}, {\"relation\": \"less than\", \"num_words\": 60}]}");
        }
        prompts = Files.write(dir.resolve("prompts.jsonl"), rows);
    }

    private String[] mcts(Path pairs, String... extra) {
        List<String> args = new ArrayList<>(List.of("curate", "mcts", "--backend", "embedded", "--model", "tiny", "--prompts", prompts.toString(),
                "--out", pairs.toString(), "--preset", "lean", "--max-tokens", "48", "--step-tokens", "4-12", "--min-q-gap", "0",
                "--punkt-dir", punkt.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void pairsShareAPrefixThenDivergeAndTheRunCountsItsCost() throws IOException {
        Path pairs = dir.resolve("pairs.jsonl");
        assertEquals(0, jack(mcts(pairs, "--parquet")), cli.err());
        assertTrue(cli.err().contains("random weights; its output is noise"), cli.err());
        byte[] parquet = Files.readAllBytes(dir.resolve("pairs.parquet"));
        assertEquals("PAR1PAR1", new String(parquet, 0, 4, StandardCharsets.US_ASCII) + new String(parquet, parquet.length - 4, 4, StandardCharsets.US_ASCII));
        int shared = 0;
        for (String line : Files.readAllLines(pairs)) {
            Map<?, ?> p = (Map<?, ?>) Json.parse(line);
            String chosen = (String) p.get("chosen");
            String rejected = (String) p.get("rejected");
            int prefix = ((Long) p.get("shared_prefix_chars")).intValue();
            assertEquals(chosen.substring(0, prefix), rejected.substring(0, prefix));
            assertTrue((Double) p.get("chosen_reward") > (Double) p.get("rejected_reward"));
            assertEquals("mcts", p.get("method"));
            long depth = (Long) p.get("depth");
            if (depth > 0) {
                shared++;
                assertTrue(prefix > 0 && (Long) p.get("shared_prefix_tokens") >= 4 * depth, line);
                assertTrue((Long) p.get("chosen_visits") >= 2 && (Long) p.get("rejected_visits") >= 2, line);
            } else {
                assertEquals(0, prefix);
            }
            assertTrue((Long) p.get("prompt_llm_calls") > 0);
        }
        assertTrue(shared > 0, "some pairs share a prefix: " + cli.out());
        Map<?, ?> stats = (Map<?, ?>) Json.parse(Files.readString(CurationStats.pathFor(pairs)));
        assertEquals(4L, stats.get("prompts"));
        assertEquals((long) Files.readAllLines(pairs).size(), stats.get("pairs"));
        assertTrue((Long) stats.get("llm_calls") >= 4 && (Long) stats.get("generated_tokens") > 0, stats.toString());
    }

    /** Through an OpenAI-compatible server (completions with the Llama 3 template applied client-side), the same search. */
    @Test
    void throughAServerTheSearchIsTheSame() throws IOException {
        Path embedded = dir.resolve("embedded.jsonl");
        assertEquals(0, jack(mcts(embedded)), cli.err());
        Path tiny = dir.resolve("cache/models/tiny-v2/tiny.gguf");
        Path served = dir.resolve("served.jsonl");
        try (EmbeddedBackend engine = EmbeddedBackend.open(tiny, 2)) {
            OpenAiServer server = new OpenAiServer(engine, "127.0.0.1", 0, null, 64);
            try {
                List<String> args = new ArrayList<>(List.of(mcts(served)));
                args.set(args.indexOf("embedded"), server.url().toString());
                assertEquals(0, jack(args.toArray(String[]::new)), cli.err());
            } finally {
                server.stop(0);
            }
        }
        List<String> expected = Files.readAllLines(embedded);
        assertFalse(expected.isEmpty());
        assertEquals(expected, Files.readAllLines(served));
    }

    @Test
    void aRunKilledMidwayResumesToTheSameBytes() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int key = 1; key <= 12; key++) {
            rows.add("{\"key\": " + key + ", \"prompt\": \"Task " + key + ". No commas. Under 60 words.\", "
                    + "\"instruction_id_list\": [\"punctuation:no_comma\", \"length_constraints:number_words\"], "
                    + "\"kwargs\": [{}, {\"relation\": \"less than\", \"num_words\": 60}]}");
        }
        prompts = Files.write(dir.resolve("twelve.jsonl"), rows);
        Path whole = dir.resolve("whole.jsonl");
        assertEquals(0, jack(mcts(whole, "--parallel-prompts", "1")), cli.err());

        Path killed = dir.resolve("killed.jsonl");
        Path journal = dir.resolve("killed.jsonl.journal.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(mcts(killed, "--parallel-prompts", "1")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JACK_CACHE_DIR", dir.resolve("cache").toString());
        Process p = builder.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (p.isAlive() && System.nanoTime() < deadline && (!Files.exists(journal) || Files.readAllLines(journal).isEmpty())) Thread.sleep(10);
        assertTrue(p.isAlive(), "the run was still going when the first prompt was done");
        p.destroyForcibly().waitFor();
        int searched = Files.readAllLines(journal).size();
        assertTrue(searched >= 1 && searched < 12 && !Files.exists(killed), "killed midway, after " + searched + " prompts");

        assertEquals(0, jack(mcts(killed, "--parallel-prompts", "1")), cli.err());
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(killed));
    }

    @Test
    void anInterruptedRunFinishesWithTheSameBytes() throws IOException {
        Path whole = dir.resolve("whole.jsonl");
        assertEquals(0, jack(mcts(whole)), cli.err());
        byte[] expected = Files.readAllBytes(whole);

        // A run killed after its first prompt, halfway through writing the second: the journal is all that is left.
        Path resumed = dir.resolve("resumed.jsonl");
        Path journal = dir.resolve("resumed.jsonl.journal.jsonl");
        List<String> lines = Files.readAllLines(whole.resolveSibling("whole.jsonl.journal.jsonl"));
        Files.writeString(journal, lines.get(0) + "\n" + lines.get(1).substring(0, lines.get(1).length() / 2), StandardCharsets.UTF_8);
        assertEquals(0, jack(mcts(resumed)), cli.err());
        assertArrayEquals(expected, Files.readAllBytes(resumed));
        assertEquals(Files.readString(CurationStats.pathFor(whole)), Files.readString(CurationStats.pathFor(resumed)));

        assertEquals(2, jack(mcts(resumed, "--seed", "9")));
        assertTrue(cli.err().contains("resumed.jsonl.journal.jsonl:1: settings: ") && cli.err().contains("other settings"), cli.err());
    }

    @Test
    void aPromptThatChangedIsSearchedAgainAndTheOthersAreKept() throws IOException {
        Path pairs = dir.resolve("pairs.jsonl");
        assertEquals(0, jack(mcts(pairs, "--limit", "2")), cli.err());
        Path journal = dir.resolve("pairs.jsonl.journal.jsonl");
        List<String> searched = Files.readAllLines(journal);
        assertEquals(2, searched.size());
        Files.writeString(prompts, Files.readString(prompts).replace("Describe the sea.", "Describe the moon."));
        assertEquals(0, jack(mcts(pairs, "--limit", "2")), cli.err());
        List<String> after = Files.readAllLines(journal);
        assertEquals(3, after.size(), "one new search, for the changed prompt");
        assertEquals(searched, after.subList(0, 2), "the journal keeps what was searched");
        for (String line : Files.readAllLines(pairs)) {
            Map<?, ?> p = (Map<?, ?>) Json.parse(line);
            if ((Long) p.get("key") == 2) assertTrue(((String) p.get("prompt")).startsWith("Describe the moon."), line);
        }
    }
}
