package dev.jack.core.ifeval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResponseFileTest {
    @TempDir
    Path dir;

    /** Every repeat names the line of the first answer (by key or by prompt text), and the last answer counts. */
    @Test
    void repeatsNameTheFirstLineAndTheLastAnswerCounts() throws IOException {
        Path file = Files.writeString(dir.resolve("r.jsonl"), String.join("\n",
                "{\"prompt\": \"p\", \"response\": \"one\"}",
                "{\"key\": 7, \"prompt\": \"p\", \"response\": \"k1\"}",
                "{\"prompt\": \"q\", \"response\": \"q1\"}",
                "{\"prompt\": \"p\", \"response\": \"two\"}",
                "{\"key\": 7, \"response\": \"k2\"}",
                "{\"prompt\": \"p\", \"response\": \"three\"}",
                "{\"key\": 7, \"response\": \"k3\"}") + "\n");
        ResponseFile responses = ResponseFile.read(file);
        assertEquals(List.of(
                file + ":4: prompt already answered on line 1; the last answer counts",
                file + ":5: key 7 already answered on line 2; the last answer counts",
                file + ":6: prompt already answered on line 1; the last answer counts",
                file + ":7: key 7 already answered on line 2; the last answer counts"), responses.warnings());
        IfevalPrompt byKey = new IfevalPrompt(7, "x", List.of(), List.of());
        IfevalPrompt byText = new IfevalPrompt(8, "p", List.of(), List.of());
        assertEquals("k3", responses.require(byKey));
        assertEquals("three", responses.require(byText));
        ResponseFile upper = responses.map(String::toUpperCase);
        assertEquals("K3", upper.require(byKey));
        assertEquals("THREE", upper.require(byText));
        assertEquals(responses.warnings(), upper.warnings());
    }
}
