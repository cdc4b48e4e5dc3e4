package dev.jack.llm.engine;

import dev.jack.core.json.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokenization and detokenization equal llama.cpp's on every string of ../shared/llm/expected/llama3.tokenize.jsonl. */
class Llama3TokenizerTest {
    static Path shared;
    static GgufFile gguf;
    static Llama3Tokenizer tokenizer;

    @BeforeAll
    static void open() {
        String configured = System.getProperty("jack.shared.dir");
        shared = (configured != null ? Path.of(configured) : Path.of("..", "shared")).toAbsolutePath().normalize().resolve("llm");
        Path model = shared.resolve("llama3vocab/tiny-llama3vocab-q8_0.gguf");
        if (!Files.exists(model)) return;
        gguf = GgufFile.open(model);
        tokenizer = Llama3Tokenizer.from(gguf);
    }

    /** Each test is skipped, with its reason, where the reference data is absent (a skip in @BeforeAll would report no tests at all). */
    @BeforeEach
    void requireReferenceData() {
        Path model = shared.resolve("llama3vocab/tiny-llama3vocab-q8_0.gguf");
        Assumptions.assumeTrue(gguf != null, "skipped: " + model + " is absent (reference data lives in ../shared, which CI provides)");
    }

    @AfterAll
    static void close() {
        if (gguf != null) gguf.close();
    }

    private static List<Integer> ints(Object list) {
        return ((List<?>) list).stream().map(o -> ((Long) o).intValue()).toList();
    }

    @Test
    void everyStringTokenizesAndDetokenizesLikeLlamaCpp() throws IOException {
        List<String> failures = new ArrayList<>();
        int rows = 0;
        for (String line : Files.readAllLines(shared.resolve("expected/llama3.tokenize.jsonl"))) {
            Map<?, ?> row = (Map<?, ?>) Json.parse(line);
            rows++;
            String text = (String) row.get("text");
            for (boolean parse : new boolean[] {true, false}) {
                List<Integer> expected = ints(row.get(parse ? "ids_parse_special" : "ids_no_parse_special"));
                List<Integer> actual = tokenizer.encode(text, parse);
                if (!expected.equals(actual)) failures.add((parse ? "special " : "plain ") + Json.class.getSimpleName() + " " + row.get("category") + " " + line.substring(0, Math.min(90, line.length())) + "\n   expected " + expected + "\n   actual   " + actual);
                String decoded = tokenizer.decode(expected);
                if (!decoded.equals(row.get(parse ? "detokenized_parse_special" : "detokenized_no_parse_special"))) failures.add("decode " + text);
            }
        }
        assertEquals(468, rows);
        assertTrue(failures.isEmpty(), failures.size() + " mismatches:\n" + String.join("\n", failures.subList(0, Math.min(15, failures.size()))));
    }

    @Test
    void metadataAndTensorsAreRead() {
        assertEquals(128256, tokenizer.vocabularySize());
        assertEquals(128000, tokenizer.bos());
        assertEquals("llama", gguf.get("general.architecture"));
        GgufFile.Tensor embeddings = gguf.tensor("token_embd.weight");
        assertEquals(GgmlType.Q8_0, embeddings.type());
        assertEquals(64, embeddings.dims()[0]);
        assertEquals(128256, embeddings.dims()[1]);
        assertEquals(64L * 128256 / 32 * 34, embeddings.data().byteSize());
    }

    @Test
    void truncatedFilesAreClearErrors(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(shared.resolve("tiny-f32.gguf"));
        Path cut = Files.write(dir.resolve("cut.gguf"), java.util.Arrays.copyOf(whole, whole.length / 2));
        GgufFile.FormatException e = assertThrows(GgufFile.FormatException.class, () -> GgufFile.open(cut));
        assertTrue(e.getMessage().contains("cut.gguf") && e.getMessage().contains("truncated"), e.getMessage());
        Path notGguf = Files.writeString(dir.resolve("x.gguf"), "hello, this is not a model file at all");
        assertTrue(assertThrows(GgufFile.FormatException.class, () -> GgufFile.open(notGguf)).getMessage().contains("no GGUF magic"));
    }
}
