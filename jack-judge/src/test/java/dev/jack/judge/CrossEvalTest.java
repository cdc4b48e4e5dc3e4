package dev.jack.judge;

import dev.jack.core.data.DataFileException;
import dev.jack.llm.ScriptedBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossEvalTest {
    @TempDir
    Path dir;

    private static String row(String id, String capability, int... ratings) {
        StringBuilder b = new StringBuilder("{\"prompt_id\": \"" + id + "\", \"capability\": \"" + capability
                + "\", \"difficulty\": \"medium\", \"l2_category\": \"Cat\", \"l3_category\": \"Sub\", \"prompt\": \"Prompt " + id + "\"");
        for (int i = 1; i <= 3; i++) {
            b.append(", \"response_").append(i).append("\": \"Reference ").append(i).append(" of ").append(id).append("\"");
            for (int j = 1; j <= 2; j++) {
                b.append(", \"response_").append(i).append("_human_").append(j).append("_rating\": ").append(ratings[(i - 1) * 2 + j - 1]);
                b.append(", \"response_").append(i).append("_human_").append(j).append("_explanation\": \"Because ").append(i).append(j).append("\"");
            }
        }
        return b.append("}").toString();
    }

    private Path table() throws IOException {
        return Files.write(dir.resolve("crosseval.jsonl"), List.of(
                row("c1", "Coding", 5, 4, 3, 3, 1, 2),
                row("r1", "Reasoning", 4, 4, 2, 3, 5, 5),
                row("x1", "Coding & Reasoning", 2, 2, 3, 4, 1, 1)));
    }

    @Test
    void readsTheTableAndBuildsLeaveOneOutPrompts() throws IOException {
        List<CrossEval.Item> items = CrossEval.read(table());
        assertEquals(3, items.size());
        assertEquals(List.of(5, 4), items.getFirst().references().getFirst().ratings());
        assertEquals(4.5, items.getFirst().references().getFirst().meanRating());
        String all = CrossEval.judgePrompt(new Templates(null), items.getFirst(), "My answer", -1);
        assertTrue(all.contains("Reference 1 of c1") && all.contains("Reference 3 of c1") && all.contains("Expert 2 rating: 4/5. Explanation: Because 12"));
        String leaveOut = CrossEval.judgePrompt(new Templates(null), items.getFirst(), "Reference 2 of c1", 1);
        assertFalse(leaveOut.contains("[Reference 3]"), "two references remain");
        assertFalse(leaveOut.substring(0, leaveOut.indexOf("[Prompt]")).contains("Reference 2 of c1"), "the judged reference is not shown as a reference");
        Path bad = Files.write(dir.resolve("bad.jsonl"), List.of(row("c1", "Coding", 5, 9, 3, 3, 1, 2)));
        DataFileException e = assertThrows(DataFileException.class, () -> CrossEval.read(bad));
        assertTrue(e.getMessage().contains(":1: response_1_human_2_rating: must be between 1 and 5"), e.getMessage());
    }

    @Test
    void scoresAreRetriedWithAHintAndRangeChecked() {
        AtomicInteger calls = new AtomicInteger();
        ScriptedBackend flaky = new ScriptedBackend("j", (r, i) -> calls.incrementAndGet() < 3 ? "Score: 9/5" : "Fine work.\nScore: 4/5");
        assertEquals(OptionalDouble.of(4), CrossEval.judge(flaky, "judge this", 1, 128));
        assertEquals(3, calls.get());
        ScriptedBackend hopeless = new ScriptedBackend("j", (r, i) -> "I refuse to rate.");
        assertEquals(OptionalDouble.empty(), CrossEval.judge(hopeless, "judge this", 1, 128));
        assertEquals(5, hopeless.calls(), "at most five attempts");
    }

    @Test
    void reportRescalesAndFindsTheWeakestLink() throws IOException {
        List<CrossEval.Item> items = CrossEval.read(table());
        Map<String, Object> report = CrossEval.report(items, Map.of("c1", 5.0, "r1", 3.0, "x1", 2.0));
        assertEquals(100.0, ((Map<?, ?>) report.get("individual")).get("Coding"));
        assertEquals(50.5, ((Map<?, ?>) report.get("individual")).get("Reasoning"));
        Map<?, ?> link = (Map<?, ?>) ((Map<?, ?>) report.get("weakest_link")).get("Coding & Reasoning");
        assertEquals("below both", link.get("position"));
        assertEquals(25.75 - 50.5, (Double) link.get("above_weaker"), 1e-12);
        List<Double> judge = new ArrayList<>(List.of(4.0, 3.0, 2.0, 5.0));
        List<Double> human = new ArrayList<>(List.of(4.5, 3.0, 1.5, 5.0));
        Map<?, ?> agreement = (Map<?, ?>) CrossEval.agreement(items, List.of(0, 0, 1, 2), judge, human).get("overall");
        assertEquals(1.0, (Double) agreement.get("spearman"), 1e-12);
        assertEquals(1.0, (Double) agreement.get("kendall"), 1e-12);
    }
}
