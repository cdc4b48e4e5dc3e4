package dev.jack.llm;

import dev.jack.llm.engine.RandomLlama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine benchmark on the tiny model: every figure is measured, and the load driver counts what servers generate. */
class EngineBenchTest {
    private static final EngineBench.Settings SETTINGS = new EngineBench.Settings(2, 8, 4, List.of(1, 3), 4, 6, 2, 3, 5, Duration.ofMinutes(1), 2);

    @Test
    void everyFigureIsMeasuredRepeatedly(@TempDir Path dir) throws IOException {
        Path tiny = dir.resolve("tiny.gguf");
        RandomLlama.write(tiny, RandomLlama.Shape.tiny(), 0, "tiny");
        List<EngineBench.Measurement> printed = new ArrayList<>();
        List<EngineBench.Measurement> engine = EngineBench.engine(tiny, SETTINGS, printed::add);
        EngineBench.Measurement serve = EngineBench.serve(tiny, SETTINGS, printed::add);
        assertEquals(List.of("pp8", "tg4", "batch3"), engine.stream().map(EngineBench.Measurement::test).toList());
        assertEquals("serve2", serve.test());
        assertEquals(4, printed.size());
        for (EngineBench.Measurement m : printed) {
            assertEquals(2, m.values().size(), m.test());
            assertTrue(m.values().stream().allMatch(v -> v > 0 && Double.isFinite(v)), m.toString());
            assertTrue(m.toString().startsWith(m.test()), m.toString());
        }
    }

    @Test
    void theLoadDriverCountsGeneratedTokens(@TempDir Path dir) throws IOException {
        Path tiny = dir.resolve("tiny.gguf");
        RandomLlama.write(tiny, RandomLlama.Shape.tiny(), 0, "tiny");
        try (EmbeddedBackend engine = EmbeddedBackend.open(tiny, 2);
             OpenAiServer server = new OpenAiServer(engine, "127.0.0.1", 0, null, 16)) {
            EngineBench.Load load = EngineBench.drive(server.url(), engine.model(), SETTINGS, engine.tokenizer().vocabularySize());
            assertEquals(6, load.requests());
            // Three tokens each, unless a completion ends early at an end-of-generation token.
            assertTrue(load.generatedTokens() > 6 && load.generatedTokens() <= 18, "generated " + load.generatedTokens());
            assertTrue(load.tokensPerSecond() > 0);
        }
    }

    @Test
    void theLoadDriverOnlyRunsAgainstThisMachine() {
        var e = assertThrows(IllegalArgumentException.class, () -> EngineBench.drive(URI.create("http://192.0.2.1:8000/"), "m", SETTINGS, 512));
        assertTrue(e.getMessage().contains("loopback"), e.getMessage());
    }
}
