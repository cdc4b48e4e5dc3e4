package dev.jack.llm.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GgufWriterTest {
    @TempDir
    Path dir;

    @Test
    void metadataAndTensorsRoundTrip() throws IOException {
        float[] values = {1.5f, -2.25f, 0f, 3e-7f};
        byte[] bytes = RandomLlama.encode(values, GgmlType.F32);
        Path file = dir.resolve("m.gguf");
        new GgufWriter().put("a.string", "héllo").put("a.uint", 7L).put("a.big", 1L << 40).put("a.float", 0.5)
                .put("a.bool", true).put("a.list", List.of("x", "y")).put("a.ints", List.of(-1, 2))
                .tensor("t", GgmlType.F32, new long[] {4}, bytes).tensor("u", GgmlType.F16, new long[] {2}, new byte[4])
                .write(file);
        try (GgufFile g = GgufFile.open(file)) {
            assertEquals("héllo", g.get("a.string"));
            assertEquals(7L, g.get("a.uint"));
            assertEquals(1L << 40, g.get("a.big"));
            assertEquals(0.5, g.get("a.float"));
            assertEquals(true, g.get("a.bool"));
            assertEquals(List.of("x", "y"), g.get("a.list"));
            assertEquals(List.of(-1L, 2L), g.get("a.ints"));
            float[] read = new float[4];
            Dequant.row(GgmlType.F32, g.tensor("t").data(), 0, 4, read);
            assertArrayEquals(values, read);
            assertArrayEquals(new long[] {2}, g.tensor("u").dims());
        }
    }

    /** Quantized random weights decode to the values they encode, within each type's step. */
    @ParameterizedTest
    @ValueSource(ints = {GgmlType.F16, GgmlType.Q8_0, GgmlType.Q4_K, GgmlType.Q6_K})
    void quantizedWeightsDecodeCloseToTheirValues(int type) {
        float[] values = new float[512];
        for (int i = 0; i < values.length; i++) values[i] = (float) Math.sin(i * 0.37) * (i % 7 + 1);
        byte[] encoded = RandomLlama.encode(values, type);
        float[] decoded = new float[values.length];
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            var segment = arena.allocate(encoded.length);
            segment.copyFrom(java.lang.foreign.MemorySegment.ofArray(encoded));
            Dequant.row(type, segment, 0, values.length, decoded);
        }
        double tolerance = switch (type) {
            case GgmlType.F16 -> 0.01;
            case GgmlType.Q8_0 -> 7.0 / 127;
            case GgmlType.Q6_K -> 7.0 / 31;
            default -> 2 * 14.0 / 15;
        };
        for (int i = 0; i < values.length; i++) assertEquals(values[i], decoded[i], tolerance, "element " + i);
    }

    @ParameterizedTest
    @ValueSource(ints = {GgmlType.F32, GgmlType.F16, GgmlType.Q8_0, GgmlType.Q4_K, GgmlType.Q6_K})
    void randomModelsOfOddShapesLoadAndRun(int type) throws IOException {
        Path file = dir.resolve("odd.gguf");
        RandomLlama.write(file, new RandomLlama.Shape(256, 3, 8, 2, 512, 300, 64, type), 3, "odd");
        try (GgufFile g = GgufFile.open(file)) {
            LlamaModel model = new LlamaModel(g);
            Llama3Tokenizer tokenizer = Llama3Tokenizer.from(g);
            List<Integer> ids = tokenizer.encode("Héllo <|eot_id|>", true);
            assertEquals("Héllo <|eot_id|>", tokenizer.decode(ids));
            assertEquals(295 + 4, (int) ids.getLast());
            LlamaModel.Session session = model.new Session();
            float[] logits = null;
            for (int id : ids) logits = session.next(id);
            assertEquals(300, logits.length);
            assertTrue(Arrays.stream(toDouble(logits)).allMatch(Double::isFinite));
            assertTrue(Arrays.stream(toDouble(logits)).distinct().count() > 200, "logits are not degenerate");
        }
    }

    /** A batch (prompt chunk, or several sessions) computes bit for bit what one token at a time computes. */
    @ParameterizedTest
    @ValueSource(ints = {GgmlType.Q8_0, GgmlType.Q4_K, GgmlType.Q6_K})
    void batchedPassesEqualOneTokenAtATime(int type) throws IOException {
        Path file = dir.resolve("b.gguf");
        RandomLlama.write(file, new RandomLlama.Shape(256, 2, 4, 2, 512, 300, 256, type), 5, "b");
        try (GgufFile g = GgufFile.open(file)) {
            LlamaModel model = new LlamaModel(g);
            List<Integer> prompt = new java.util.ArrayList<>();
            for (int i = 0; i < 150; i++) prompt.add((i * 37) % 300);
            LlamaModel.Session single = model.new Session();
            float[] expected = null;
            for (int t : prompt) expected = single.next(t);
            LlamaModel.Session chunked = model.new Session();
            assertArrayEquals(expected, chunked.prefill(prompt), "bit for bit");
            LlamaModel.Session a = chunked.copy();
            LlamaModel.Session b = chunked.copy();
            float[][] both = model.decode(List.of(a, b), new int[] {7, 11});
            assertArrayEquals(single.copy().next(7), both[0], "bit for bit");
            assertArrayEquals(single.copy().next(11), both[1], "bit for bit");
            assertEquals(151, a.length());
        }
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    @Test
    void aTruncatedFileIsAClearError() throws IOException {
        Path file = dir.resolve("t.gguf");
        RandomLlama.write(file, RandomLlama.Shape.tiny(), 0, "t");
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 100));
        var e = assertThrows(GgufFile.FormatException.class, () -> GgufFile.open(file));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void anotherArchitectureIsAClearError() throws IOException {
        Path file = dir.resolve("g.gguf");
        new GgufWriter().put("general.architecture", "gemma2").write(file);
        try (GgufFile g = GgufFile.open(file)) {
            var e = assertThrows(GgufFile.FormatException.class, () -> new LlamaModel(g));
            assertTrue(e.getMessage().contains("gemma2"), e.getMessage());
        }
    }
}
