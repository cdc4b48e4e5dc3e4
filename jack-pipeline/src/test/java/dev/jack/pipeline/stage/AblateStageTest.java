package dev.jack.pipeline.stage;

import dev.jack.core.curate.RejectionSampling;
import dev.jack.core.data.PairFormat;
import dev.jack.core.text.Thinking;
import dev.jack.core.json.Json;
import dev.jack.pipeline.StageContext;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ablations pair samples as curate rs does, and list every variant, empty ones included. */
class AblateStageTest {
    @TempDir
    Path dir;

    @Test
    void theHighContrastVariantIsCurateRsAndEmptyVariantsAreListed() throws IOException {
        List<String> prompts = new ArrayList<>();
        List<String> scored = new ArrayList<>();
        String[] tiers = {"easy", "moderate", "hard"};
        for (int key = 1; key <= 3; key++) {
            prompts.add("{\"key\": " + key + ", \"prompt\": \"P" + key + "\", \"instruction_id_list\": [], \"kwargs\": [], \"difficulty\": \"" + tiers[key - 1] + "\"}");
            for (int i = 0; i < 3; i++) {
                // Only the easy prompt's samples differ in reward.
                double reward = key == 1 ? i / 2.0 : 1.0;
                scored.add("{\"key\": " + key + ", \"sample_index\": " + i + ", \"prompt\": \"P" + key + "\", \"response\": \"r" + i + "\", "
                        + "\"finish_reason\": \"stop\", \"completion_tokens\": 5, \"seed\": " + (10 * key + i) + ", \"reward\": " + reward + "}");
            }
        }
        Path promptFile = Files.write(dir.resolve("prompts.jsonl"), prompts);
        Path scoredFile = Files.write(dir.resolve("scored.jsonl"), scored);
        StringWriter out = new StringWriter();
        StageContext context = new StageContext(Map.of(), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), false);

        RsStage.Options rs = new RsStage.Options(RejectionSampling.Contrast.HIGH, 0.5, 0, 1, 7, PairFormat.STRINGS, false, null, Thinking.STRIP, false);
        new RsStage(scoredFile, dir.resolve("pairs-rs.jsonl"), rs, null).run(context);
        new AblateStage(scoredFile, null, promptFile, dir.resolve("ablations"), new AblateStage.Options(rs)).run(context);

        assertArrayEquals(Files.readAllBytes(dir.resolve("pairs-rs.jsonl")), Files.readAllBytes(dir.resolve("ablations/contrast-high.jsonl")),
                "one function, one configuration");
        Map<?, ?> variants = (Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(dir.resolve("ablations/ablations.json")))).get("variants");
        assertEquals(List.of("contrast-high", "contrast-low", "contrast-mixed", "difficulty-easy", "difficulty-moderate", "difficulty-hard"),
                List.copyOf(variants.keySet().stream().map(String::valueOf).toList()));
        assertEquals(1L, ((Map<?, ?>) variants.get("difficulty-easy")).get("pairs"));
        assertEquals(0L, ((Map<?, ?>) variants.get("difficulty-hard")).get("pairs"));
        assertEquals("", Files.readString(dir.resolve("ablations/difficulty-hard.jsonl")), "an empty variant is still a file");
        assertTrue(out.toString().contains("difficulty-hard            0 pairs (empty)"), out.toString());
    }
}
