package dev.jack.cli;

import dev.jack.core.json.Json;
import dev.jack.core.json.PyJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Synthesized prompts → samples (witnesses and a broken answer) → scores → rejection-sampling pairs. */
class CurateCliTest {
    @TempDir
    Path dir;

    private final CliHarness cli = new CliHarness(Map.of());

    private int jack(String... args) {
        return cli.jack(args);
    }

    @Test
    void witnessesBeatBrokenAnswers() throws IOException {
        Path punkt = CliHarness.emptyPunkt(dir).resolve("english");
        Path prompts = dir.resolve("prompts.jsonl");
        Path witnesses = dir.resolve("witnesses.jsonl");
        assertEquals(0, jack("synth", "--count", "50", "--seed", "2", "--constraints", "2-3", "--out", prompts.toString(),
                "--witnesses", witnesses.toString(), "--punkt-dir", punkt.getParent().toString()), cli.err());
        List<String> samples = new ArrayList<>();
        for (String line : Files.readAllLines(witnesses)) {
            Map<?, ?> w = (Map<?, ?>) Json.parse(line);
            for (int i = 0; i < 3; i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("key", w.get("key"));
                row.put("sample_index", i);
                row.put("prompt", w.get("prompt"));
                row.put("response", i == 1 ? "x" : w.get("response"));
                row.put("seed", 100 + i);
                samples.add(PyJson.dumps(row));
            }
        }
        Path sampleFile = Files.write(dir.resolve("samples.jsonl"), samples);
        Path scored = dir.resolve("scored.jsonl");
        assertEquals(0, jack("score", "--prompts", prompts.toString(), "--samples", sampleFile.toString(), "--out", scored.toString(),
                "--punkt-dir", punkt.getParent().toString()), cli.err());
        Path pairs = dir.resolve("pairs.jsonl");
        assertEquals(0, jack("curate", "rs", "--scored", scored.toString(), "--out", pairs.toString(), "--format", "messages"), cli.err());
        List<String> lines = Files.readAllLines(pairs);
        assertTrue(lines.size() >= 45, "nearly every prompt yields a pair: " + lines.size() + "\n" + cli.out());
        for (String line : lines) {
            Map<?, ?> p = (Map<?, ?>) Json.parse(line);
            assertEquals(1.0, p.get("chosen_reward"));
            assertTrue((Double) p.get("rejected_reward") < 1.0);
            assertEquals(1L, p.get("rejected_sample_index"));
            assertEquals("x", ((Map<?, ?>) ((List<?>) p.get("rejected")).getFirst()).get("content"));
            assertEquals("user", ((Map<?, ?>) ((List<?>) p.get("prompt")).getFirst()).get("role"));
            assertEquals("rs", p.get("method"));
        }
        assertEquals(2, jack("curate", "rs", "--scored", sampleFile.toString(), "--out", pairs.toString()));
        assertTrue(cli.err().contains("reward: is missing (run jack score first)"), cli.err());

        // Minimal edits: every witness follows its constraints, so each prompt gives break pairs from real text.
        Path edits = dir.resolve("edits.jsonl");
        assertEquals(0, jack("curate", "edit", "--prompts", prompts.toString(), "--scored", scored.toString(), "--out", edits.toString(),
                "--mode", "break", "--punkt-dir", punkt.getParent().toString()), cli.err());
        List<String> edited = Files.readAllLines(edits);
        assertTrue(edited.size() >= 45, "nearly every prompt yields an edit pair: " + edited.size() + "\n" + cli.out());
        for (String line : edited) {
            Map<?, ?> p = (Map<?, ?>) Json.parse(line);
            assertEquals(List.of("edit", 1.0, "break"), List.of(p.get("method"), p.get("chosen_reward"), ((Map<?, ?>) p.get("edit")).get("direction")));
            assertTrue((Double) p.get("rejected_reward") < 1.0);
        }
        assertEquals(2, jack("ablate", "--scored", scored.toString(), "--out-dir", dir.resolve("ab").toString(), "--budget", "100"));
        assertEquals("jack: error: --budget: needs the tree search's pairs (--mcts)", cli.err().strip());
    }
}
