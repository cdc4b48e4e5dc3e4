package dev.jack.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SynthCliTest {
    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;
    private Path punkt;

    /** A punkt_tab folder with an empty English model, so the test needs no download. */
    @BeforeEach
    void tinyPunkt() throws IOException {
        punkt = dir.resolve("punkt_tab");
        Path english = Files.createDirectories(punkt.resolve("english"));
        for (String f : new String[] {"abbrev_types.txt", "collocations.tab", "sent_starters.txt", "ortho_context.tab"}) {
            Files.writeString(english.resolve(f), "");
        }
    }

    private int jack(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of("JACK_CACHE_DIR", dir.resolve("cache").toString()));
    }

    @Test
    void witnessesScoreFullMarksInEval() throws IOException {
        Path prompts = dir.resolve("prompts.jsonl");
        Path witnesses = dir.resolve("witnesses.jsonl");
        assertEquals(0, jack("synth", "--count", "3000", "--seed", "5", "--out", prompts.toString(), "--witnesses", witnesses.toString(),
                "--punkt-dir", punkt.toString()), err.toString());
        assertTrue(out.toString().contains("wrote 3000 prompts"), out.toString());
        assertTrue(Files.exists(dir.resolve("prompts.stats.json")));
        assertEquals(0, jack("eval", "--responses", witnesses.toString(), "--input-data", prompts.toString(),
                "--output-dir", dir.resolve("eval").toString(), "--punkt-dir", punkt.toString()), err.toString());
        assertTrue(out.toString().contains("prompt-level strict accuracy:      1.000000 (3000/3000)"), out.toString());
    }

    @Test
    void sameSeedSameBytes() throws IOException {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        assertEquals(0, jack("synth", "--count", "500", "--seed", "9", "--out", a.toString(), "--punkt-dir", punkt.toString()), err.toString());
        assertEquals(0, jack("synth", "--count", "500", "--seed", "9", "--out", b.toString(), "--punkt-dir", punkt.toString()), err.toString());
        assertEquals(Files.readString(a), Files.readString(b));
    }

    @Test
    void splitsGoToTwoFiles() throws IOException {
        Path out = dir.resolve("p.jsonl");
        assertEquals(0, jack("synth", "--count", "1000", "--out", out.toString(), "--split", "train,test", "--test-fraction", "0.2",
                "--holdout-pairs", "0.1", "--difficulty", "moderate", "--constraints", "2-3", "--punkt-dir", punkt.toString()), err.toString());
        List<String> train = Files.readAllLines(dir.resolve("p.train.jsonl"));
        List<String> test = Files.readAllLines(dir.resolve("p.test.jsonl"));
        assertEquals(800, train.size());
        assertEquals(200, test.size());
        Set<Object> trainTasks = new HashSet<>();
        for (String line : train) trainTasks.add(((Map<?, ?>) dev.jack.core.json.Json.parse(line)).get("base_task_id"));
        for (String line : test) {
            Map<?, ?> row = (Map<?, ?>) dev.jack.core.json.Json.parse(line);
            assertTrue(!trainTasks.contains(row.get("base_task_id")), "test tasks are not in train");
            long k = (Long) row.get("k");
            assertTrue(k >= 2 && k <= 3);
        }
    }

    @Test
    void badOptionsAreUserErrors() {
        assertEquals(2, jack("synth", "--count", "10", "--out", dir.resolve("x.jsonl").toString(), "--constraints", "0-9"));
        assertTrue(err.toString().contains("--constraints"), err.toString());
        assertEquals(2, jack("synth", "--count", "10", "--out", dir.resolve("x.jsonl").toString(), "--difficulty", "extreme"));
        assertEquals(2, jack("synth", "--count", "10", "--out", dir.resolve("x.jsonl").toString(), "--tasks", dir.resolve("none.txt").toString()));
        assertTrue(err.toString().contains("no such file"), err.toString());
    }
}
