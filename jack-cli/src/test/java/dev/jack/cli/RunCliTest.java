package dev.jack.cli;

import dev.jack.core.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jack run: the whole pipeline from one config on the embedded tiny model; skipping, redoing and resuming stages. */
class RunCliTest {
    @TempDir
    Path dir;

    private CliHarness cli;
    private Path punkt;

    private int jack(String... args) {
        return cli.jack(args);
    }

    @BeforeEach
    void setUp() throws IOException {
        cli = CliHarness.withCache(dir);
        punkt = CliHarness.emptyPunkt(dir);
    }

    private Path config(String name, String mctsMaxTokens) throws IOException {
        return config(name, mctsMaxTokens, "synth: {count: 6, constraints: 1-2}");
    }

    private Path config(String name, String mctsMaxTokens, String prompts) throws IOException {
        return Files.writeString(dir.resolve(name), """
                # a small run
                seed: 3
                punkt_dir: %s
                %s
                sample: {n: 4, max_tokens: 48}
                curate:
                  rs: {contrast: high}
                  mcts: {preset: lean, max_tokens: %s, step_tokens: 4-12, min_q_gap: 0, limit: 3}
                report: {sample: 10}
                """.formatted(punkt, prompts, mctsMaxTokens));
    }

    private static final List<String> OUTPUTS = List.of("prompts.jsonl", "samples.jsonl", "scored.jsonl", "scored.pass_rates.jsonl", "pairs-rs.jsonl",
            "pairs-rs.jsonl.stats.json", "pairs-edit.jsonl", "pairs-edit.jsonl.stats.json", "pairs-mcts.jsonl", "pairs-mcts.jsonl.stats.json", "ablations/ablations.json",
            "ablations/contrast-low.jsonl", "report.html");

    @Test
    void runsEveryStageThenSkipsThemAndRedoesOnlyWhatChanged() throws IOException {
        Path a = dir.resolve("a");
        assertEquals(0, jack("run", "--config", config("run.yaml", "48").toString(), "--out-dir", a.toString()), cli.err());
        for (String stage : List.of("synth", "sample", "score", "rs", "edit", "mcts", "ablate", "report")) {
            assertTrue(cli.out().contains("stage " + stage + ": running (first run)"), cli.out());
        }
        // Pair files may be empty here (the tiny model's noise rarely meets a synthesized constraint); the next test has pairs.
        for (String f : OUTPUTS) {
            boolean pairFile = f.endsWith(".jsonl") && (f.startsWith("pairs-") || f.startsWith("ablations/"));
            assertTrue(Files.exists(a.resolve(f)) && (pairFile || Files.size(a.resolve(f)) > 0), f);
        }
        assertEquals(24, Files.readAllLines(a.resolve("samples.jsonl")).size());
        try (var files = Files.walk(a)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), "every output is 0644: " + f);
            }
        }
        Map<?, ?> mcts = (Map<?, ?>) Json.parse(Files.readString(a.resolve("pairs-mcts.jsonl.stats.json")));
        assertEquals(3L, mcts.get("prompts"));

        assertEquals(0, jack("run", "--config", dir.resolve("run.yaml").toString(), "--out-dir", a.toString()), cli.err());
        assertEquals(8, cli.out().split("done before, skipped", -1).length - 1, cli.out());

        // Another tree-search setting: sampling stays, tree search and what depends on it run again.
        byte[] samples = Files.readAllBytes(a.resolve("samples.jsonl"));
        byte[] mctsPairs = Files.readAllBytes(a.resolve("pairs-mcts.jsonl"));
        assertEquals(0, jack("run", "--config", config("run2.yaml", "40").toString(), "--out-dir", a.toString()), cli.err());
        for (String stage : List.of("synth", "sample", "score", "rs", "edit")) assertTrue(cli.out().contains("stage " + stage + ": done before, skipped"), cli.out());
        assertTrue(cli.out().contains("stage mcts: running (its options changed)"), cli.out());
        // The report reads the tree search's stats, which name the new setting; the ablations rerun only if its pairs changed.
        assertTrue(cli.out().contains("stage report: running (its input pairs-mcts.jsonl"), cli.out());
        boolean pairsChanged = !java.util.Arrays.equals(mctsPairs, Files.readAllBytes(a.resolve("pairs-mcts.jsonl")));
        assertEquals(pairsChanged, cli.out().contains("stage ablate: running (its input pairs-mcts.jsonl changed)"), cli.out());
        assertArrayEquals(samples, Files.readAllBytes(a.resolve("samples.jsonl")));
    }

    @Test
    void anInterruptedRunEndsWithTheSameFilesAsAnUninterruptedOne() throws IOException {
        // Prompts the noise sometimes meets: short answers without commas.
        StringBuilder prompts = new StringBuilder();
        for (int key = 1; key <= 6; key++) {
            prompts.append("{\"key\": ").append(key).append(", \"prompt\": \"Task ").append(key).append(". No commas. Under 25 words.\", ")
                    .append("\"instruction_id_list\": [\"punctuation:no_comma\", \"length_constraints:number_words\"], ")
                    .append("\"kwargs\": [{}, {\"relation\": \"less than\", \"num_words\": 25}]}\n");
        }
        Path promptFile = Files.writeString(dir.resolve("prompts.jsonl"), prompts);
        Path config = config("run.yaml", "48", "prompts: " + promptFile);
        Path whole = dir.resolve("whole");
        assertEquals(0, jack("run", "--config", config.toString(), "--out-dir", whole.toString()), cli.err());
        assertFalse(cli.out().contains("stage synth"), "given prompts, there is no synth stage");
        for (String f : List.of("pairs-rs.jsonl", "pairs-mcts.jsonl", "ablations/contrast-low.jsonl")) {
            assertFalse(Files.readAllLines(whole.resolve(f)).isEmpty(), f + " has pairs\n" + cli.out());
        }

        // Killed during tree search: its stage marker says not done, its journal holds one prompt and half a line.
        Path cut = dir.resolve("cut");
        assertEquals(0, jack("run", "--config", config.toString(), "--out-dir", cut.toString()), cli.err());
        List<String> journal = Files.readAllLines(cut.resolve("pairs-mcts.jsonl.journal.jsonl"));
        Files.writeString(cut.resolve("pairs-mcts.jsonl.journal.jsonl"), journal.get(0) + "\n" + journal.get(1).substring(0, 40));
        for (String f : List.of("pairs-mcts.jsonl", "pairs-mcts.jsonl.stats.json", "report.html")) Files.delete(cut.resolve(f));
        Path marker = cut.resolve(".jack-run/mcts.json");
        Files.writeString(marker, Files.readString(marker).replace("\"done\": true", "\"done\": false"));
        Files.delete(cut.resolve(".jack-run/report.json"));
        assertEquals(0, jack("run", "--config", config.toString(), "--out-dir", cut.toString()), cli.err());
        assertTrue(cli.out().contains("stage sample: done before, skipped"));
        for (String f : OUTPUTS) {
            if (!f.equals("prompts.jsonl")) assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(cut.resolve(f)), f);
        }
    }

    @Test
    void aConfigErrorNamesTheFileAndTheKey() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "curate:\n  rs: {contrst: high}\n");
        assertEquals(2, jack("run", "--config", bad.toString(), "--out-dir", dir.resolve("x").toString()));
        assertTrue(cli.err().contains("bad.yaml:2: curate.rs.contrst: unknown key (known here: allow_truncated, contrast, format, high_share, max_pairs, min_gap, parquet, quality_floor, thinking)"), cli.err());
        Path notYaml = Files.writeString(dir.resolve("broken.json"), "{\"seed\": [1,");
        assertEquals(2, jack("run", "--config", notYaml.toString()));
        assertTrue(cli.err().contains("broken.json:1: not valid YAML or JSON"), cli.err());
        assertFalse(Files.exists(dir.resolve("x")), "nothing is written before the config is valid");
    }

    /**
     * No stage writes over the config file, an earlier stage's input or another stage's output: refused before
     * anything runs, the files left as they were (a new user's findings: each of these once lost its file).
     */
    @Test
    void aStageThatWouldWriteOverAnotherStagesInputIsRefusedBeforeAnythingRuns() throws IOException {
        Path out = Files.createDirectories(dir.resolve("o"));
        Path given = Files.writeString(out.resolve("pairs-rs.jsonl"), "{\"key\": 1, \"prompt\": \"Say hi.\", \"instruction_id_list\": [], \"kwargs\": []}\n");
        Path clash = Files.writeString(dir.resolve("clash.yaml"), "out_dir: %s\nprompts: %s\nstages: [sample, score, rs]\n".formatted(out, given));
        assertEquals(2, jack("run", "--config", clash.toString()));
        assertTrue(cli.err().contains("stage rs: " + given + ": would write over " + given + ", an input of stage sample, which runs before it"), cli.err());
        assertTrue(Files.readString(given).startsWith("{\"key\": 1"), "the prompts are left as they were");

        Path inside = Files.writeString(out.resolve("prompts.jsonl"), "out_dir: %s\nstages: [synth]\nsynth: {count: 3}\n".formatted(out));
        String config = Files.readString(inside);
        assertEquals(2, jack("run", "--config", inside.toString()));
        assertTrue(cli.err().contains("stage synth: " + out.resolve("prompts.jsonl") + ": would write over the run's config file"), cli.err());
        assertEquals(config, Files.readString(inside));

        Path rates = Files.writeString(out.resolve("scored.pass_rates.jsonl"), "{}\n");
        Path cycle = Files.writeString(dir.resolve("cycle.yaml"), "out_dir: %s\nstages: [synth, sample, score]\nsynth: {count: 3, hardness: %s}\n".formatted(out, rates));
        assertEquals(2, jack("run", "--config", cycle.toString()));
        assertTrue(cli.err().contains("stage score: " + rates + ": would write over " + rates + ", an input of stage synth"), cli.err());
        assertEquals("{}\n", Files.readString(rates));
        assertFalse(Files.exists(out.resolve(".jack-run")), "no stage ran");
    }

    /** jack-cli has no Spark: --spark finds the engine at run time, and without jack-spark says how to get it. */
    @Test
    void sparkWithoutJackSparkOnTheClassPathSaysHowToGetIt() throws IOException {
        assertEquals(2, jack("run", "--config", config("run.yaml", "48").toString(), "--out-dir", dir.resolve("s").toString(), "--spark", "local[2]"));
        assertTrue(cli.err().contains("--spark needs the jack-spark module on the class path"), cli.err());
        assertFalse(Files.exists(dir.resolve("s")), "nothing is written");
    }
}
