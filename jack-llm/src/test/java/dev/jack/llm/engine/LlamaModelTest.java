package dev.jack.llm.engine;

import dev.jack.core.json.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Teacher-forced conformance with llama.cpp's reference runs: at every step of every prompt, the
 * log probabilities of the listed top tokens equal the float64 reference ({@code f64_logprob}) within
 * 2e-4, the shared/llm README's tolerance for a float32 engine that does not round activations.
 */
class LlamaModelTest {
    static Path shared() {
        String configured = System.getProperty("jack.shared.dir");
        return (configured != null ? Path.of(configured) : Path.of("..", "shared")).toAbsolutePath().normalize().resolve("llm");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-f32", "tiny-f16", "tiny-bf16", "tiny-q8_0", "tiny-q4_0", "tiny256-f32", "tiny256-q8_0",
            "tiny256-q6_k", "tiny256-q4_k_m", "llama3vocab/tiny-llama3vocab-q8_0"})
    void logprobsMatchTheFloat64Reference(String model) throws IOException {
        Path file = shared().resolve(model + ".gguf");
        Assumptions.assumeTrue(Files.exists(file), "skipped: " + file + " is absent (reference data lives in ../shared, which CI provides)");
        String name = model.substring(model.lastIndexOf('/') + 1);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        try (GgufFile gguf = GgufFile.open(file)) {
            LlamaModel llama = new LlamaModel(gguf);
            for (String line : Files.readAllLines(shared().resolve("expected/" + name + ".greedy.jsonl"))) {
                Map<?, ?> row = (Map<?, ?>) Json.parse(line);
                List<Integer> tokens = new ArrayList<>();
                for (Object o : (List<?>) row.get("prompt_token_ids")) tokens.add(((Long) o).intValue());
                int promptLength = tokens.size();
                for (Object o : (List<?>) row.get("generated_token_ids")) tokens.add(((Long) o).intValue());
                List<?> steps = (List<?>) row.get("steps");
                LlamaModel.Session session = llama.new Session();
                double[] logprobs = null;
                for (int t = 0; t < promptLength + steps.size() - 1 + 1 && t < tokens.size(); t++) {
                    logprobs = LlamaModel.logSoftmax(session.next(tokens.get(t)));
                    int step = t - promptLength + 1;
                    if (step < 0 || step >= steps.size()) continue;
                    for (Object e : (List<?>) ((Map<?, ?>) steps.get(step)).get("top")) {
                        Map<?, ?> top = (Map<?, ?>) e;
                        int id = ((Long) top.get("id")).intValue();
                        double expected = ((Number) top.get("f64_logprob")).doubleValue();
                        checked++;
                        if (Math.abs(logprobs[id] - expected) > 2e-4) {
                            failures.add(row.get("name") + " step " + step + " id " + id + ": " + logprobs[id] + " vs " + expected);
                        }
                    }
                }
            }
        }
        assertTrue(checked > 500, "checked " + checked);
        assertTrue(failures.isEmpty(), failures.size() + " of " + checked + " differ:\n" + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
    }
}
