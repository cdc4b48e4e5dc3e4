package dev.jack.llm.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
            GgmlType.F32.rows().decode(g.tensor("t").data(), 0, 4, read, 0);
            assertArrayEquals(values, read);
            assertArrayEquals(new long[] {2}, g.tensor("u").dims());
        }
    }

    /**
     * Quantized random weights, written to a file (after another tensor, so at an offset) and read back as the engine
     * reads them (repacked where the type repacks), decode to the values they encode, within each type's step.
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    void quantizedWeightsDecodeCloseToTheirValues(GgmlType type) throws IOException {
        float[] values = new float[512];
        for (int i = 0; i < values.length; i++) values[i] = (float) Math.sin(i * 0.37) * (i % 7 + 1);
        Path file = dir.resolve("q.gguf");
        new GgufWriter().tensor("before", GgmlType.F32, new long[] {3}, new byte[12])
                .tensor("w", type, new long[] {256, 2}, RandomLlama.encode(values, type)).write(file);
        float[] decoded = new float[values.length];
        try (GgufFile g = GgufFile.open(file)) {
            type.rows().decode(g.tensor("w").data(), 0, values.length, decoded, 0);
        }
        double tolerance = switch (type) {
            case F16 -> 0.01;
            case Q8_0 -> 7.0 / 127;
            case Q6_K -> 7.0 / 31;
            case Q4_0 -> 7.0 / 8;
            default -> 2 * 14.0 / 15;
        };
        for (int i = 0; i < values.length; i++) assertEquals(values[i], decoded[i], tolerance, "element " + i);
    }

    /**
     * A tensor larger than the slices GgufFile reads and repacks it in (1 MB: 30,840 Q8_0 blocks, 58,254 Q4_0 ones,
     * 4,993 Q6_K super-blocks, 7,281 Q4_K ones), with a last short slice, decodes and multiplies (one input; five: Q8_0's four-input
     * kernel and its single-input one, Q6_K's four-input kernel and its single-input one for the fifth; six: Q6_K's
     * four-input kernel twice, overlapping) bit for bit as the same bytes repacked in two pieces.
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q8_0", "Q4_0", "Q6_K", "Q4_K"})
    void largeTensorsAreRepackedSliceBySlice(GgmlType type) throws IOException {
        int rows = 1_000;
        int n = 2_048;
        SplittableRandom random = new SplittableRandom(5);
        byte[] bytes = QuantizedRowsTest.randomBlocks(type, rows * n / type.blockSize(), random, false);
        Path file = dir.resolve("large.gguf");
        new GgufWriter().tensor("before", GgmlType.F32, new long[] {3}, new byte[12])
                .tensor("w", type, new long[] {n, rows}, bytes).write(file);
        try (GgufFile g = GgufFile.open(file)) {
            MemorySegment expected = QuantizedRowsTest.segment(type, bytes);
            float[] read = new float[rows * n];
            float[] once = new float[rows * n];
            type.rows().decode(g.tensor("w").data(), 0, read.length, read, 0);
            type.rows().decode(expected, 0, once.length, once, 0);
            assertArrayEquals(once, read);
            QuantizedRows kernel = (QuantizedRows) type.rows();
            for (int count : new int[] {1, 5, 6}) {
                float[][] x = new float[count][n];
                for (float[] input : x) for (int i = 0; i < n; i++) input[i] = (float) random.nextGaussian();
                Activations a = new Activations();
                a.set(x, count, n);
                Activations.Quantized q = a.quantized(kernel.activations(count), new Workers(1));
                float[][] ys = new float[count][rows];
                float[][] expectedYs = new float[count][rows];
                kernel.dot(g.tensor("w").data(), n, 0, rows, q, ys);
                kernel.dot(expected, n, 0, rows, q, expectedYs);
                for (int t = 0; t < count; t++) assertArrayEquals(expectedYs[t], ys[t], count + " inputs, input " + t);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RandomLlama.Weights.class)
    void randomModelsOfOddShapesLoadAndRun(RandomLlama.Weights type) throws IOException {
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

    /**
     * Decoding a sequence gives the same bits whatever else is in its batch, on any number of threads; a prompt the
     * same bits however it is split. Prompt processing and one-token decoding take different kernels (as in
     * llama.cpp), so those two agree to float rounding only.
     */
    @ParameterizedTest
    @EnumSource(value = RandomLlama.Weights.class, names = {"F32", "Q8_0", "Q4_0", "Q4_K", "Q6_K", "Q4_K_M"})
    void batchesAndChunksDoNotChangeResults(RandomLlama.Weights type) throws IOException {
        Path file = dir.resolve("b.gguf");
        // Q4_0 and Q6_K tied: the Q6_K token embeddings are also the output head.
        boolean tied = type == RandomLlama.Weights.Q4_0 || type == RandomLlama.Weights.Q6_K;
        RandomLlama.write(file, new RandomLlama.Shape(256, 2, 4, 2, 512, 300, 256, type, tied), 5, "b");
        try (GgufFile g = GgufFile.open(file)) {
            LlamaModel model = new LlamaModel(g, 2);
            LlamaModel alone = new LlamaModel(g, 1);
            List<Integer> prompt = new java.util.ArrayList<>();
            for (int i = 0; i < 150; i++) prompt.add((i * 37) % 300);
            LlamaModel.Session single = model.new Session();
            float[] oneByOne = null;
            for (int t : prompt) oneByOne = single.next(t);
            LlamaModel.Session whole = model.new Session();
            float[] atOnce = whole.prefill(prompt);
            LlamaModel.Session split = alone.new Session();
            split.prefill(prompt.subList(0, 70));
            assertArrayEquals(atOnce, split.prefill(prompt.subList(70, 150)), "a prompt split in two, on one thread: bit for bit");
            LlamaModel.Session fed = model.new Session();
            model.prefill(List.of(fed), List.of(prompt.subList(0, LlamaModel.PREFILL_CHUNK)), new boolean[] {false});
            assertArrayEquals(atOnce, fed.prefill(prompt.subList(LlamaModel.PREFILL_CHUNK, 150)), "a chunk fed without logits, then the rest: bit for bit");
            // Prompts of three sessions in shared passes (270 positions: passes mix them and split two of them).
            LlamaModel.Session resumed = model.new Session();
            model.prefill(List.of(resumed), List.of(prompt.subList(0, 20)), new boolean[] {false});
            LlamaModel.Session short40 = model.new Session();
            LlamaModel.Session partial = model.new Session();
            float[][] together = model.prefill(List.of(resumed, short40, partial),
                    List.of(prompt.subList(20, 150), prompt.subList(0, 40), prompt.subList(0, 100)), new boolean[] {true, true, false});
            assertArrayEquals(atOnce, together[0], "a prompt's rest beside other prompts: bit for bit");
            assertArrayEquals(alone.new Session().prefill(prompt.subList(0, 40)), together[1], "a short prompt beside others: bit for bit");
            assertNull(together[2], "no logits asked for");
            assertArrayEquals(atOnce, partial.prefill(prompt.subList(100, 150)), "a prompt fed beside others, then the rest: bit for bit");
            assertThrows(IllegalArgumentException.class, () -> model.prefill(List.of(short40, partial),
                    List.of(prompt.subList(0, 3), List.of(300)), new boolean[] {true, true}));
            assertEquals(40, short40.length(), "a bad id in one slice: nothing evaluated");
            // Quantized models: the two kernels round differently in the last bit, so an activation next to a rounding
            // boundary sometimes takes the other 8-bit value, which these random models amplify (llama.cpp's prompt and
            // generation kernels differ the same way). F32 weights take the float kernel on both paths.
            double largest = 0;
            double mean = 0;
            for (int i = 0; i < atOnce.length; i++) {
                largest = Math.max(largest, Math.abs(oneByOne[i] - atOnce[i]));
                mean += Math.abs(oneByOne[i] - atOnce[i]) / atOnce.length;
            }
            if (type == RandomLlama.Weights.F32) assertArrayEquals(oneByOne, atOnce);
            assertTrue(largest < 0.25 && mean < 0.05, "prompt processing and decoding agree: largest difference " + largest + ", mean " + mean);
            List<LlamaModel.Session> sessions = new java.util.ArrayList<>();
            // Nine: the four-input batch kernels (twice) and the one-input kernels in one step (Q4_0: a last group of one in
            // the four-input kernel's spare slots).
            int[] next = {7, 11, 13, 17, 19, 23, 29, 31, 37};
            for (int s = 0; s < next.length; s++) sessions.add(whole.copy());
            float[][] batch = model.decode(sessions, next);
            for (int s = 0; s < next.length; s++) {
                assertArrayEquals(alone.decode(List.of(whole.copy()), new int[] {next[s]})[0], batch[s], "sequence " + s + " bit for bit");
            }
            assertEquals(151, sessions.getFirst().length());
        }
    }

    /** Copies share the cache pages of their prefix; what one copy writes, or a truncation, never reaches another. */
    @org.junit.jupiter.api.Test
    void sessionCopiesAndTruncationsAreIndependent() throws IOException {
        Path file = dir.resolve("s.gguf");
        RandomLlama.write(file, new RandomLlama.Shape(64, 2, 4, 2, 192, 300, 512, RandomLlama.Weights.Q8_0), 7, "s");
        try (GgufFile g = GgufFile.open(file)) {
            LlamaModel model = new LlamaModel(g, 1);
            List<Integer> prompt = new java.util.ArrayList<>();
            for (int i = 0; i < 70; i++) prompt.add((i * 13) % 300);
            LlamaModel.Session a = model.new Session();
            a.prefill(prompt);
            LlamaModel.Session b = a.copy();
            float[] aNext = a.next(5);
            float[] bNext = b.next(9);
            a.truncate(40);
            LlamaModel.Session c = b.copy();
            c.truncate(64);
            float[] aAgain = a.next(11);
            float[] cAgain = c.next(12);
            LlamaModel.Session fresh = model.new Session();
            fresh.prefill(prompt);
            assertArrayEquals(aNext, fresh.copy().next(5));
            assertArrayEquals(bNext, fresh.copy().next(9), "b is unchanged by a's token");
            LlamaModel.Session forty = model.new Session();
            forty.prefill(prompt.subList(0, 40));
            assertArrayEquals(forty.next(11), aAgain, "truncation to 40 equals a 40-token prompt");
            LlamaModel.Session sixtyFour = model.new Session();
            sixtyFour.prefill(prompt.subList(0, 64));
            assertArrayEquals(sixtyFour.next(12), cAgain, "truncation at a page boundary");
            LlamaModel.Session expectedB = fresh.copy();
            expectedB.next(9);
            assertArrayEquals(expectedB.next(3), b.next(3), "c's truncation and token left b's pages alone");
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
